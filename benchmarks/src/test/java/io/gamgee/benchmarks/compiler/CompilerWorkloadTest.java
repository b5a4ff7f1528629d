package io.gamgee.benchmarks.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.compiler.CompilationResult;
import io.gamgee.compiler.DiagramCompiler;
import io.gamgee.compiler.DiagramSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompilerWorkloadTest {

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 500})
    void theGeneratedDiagramsAreValidAndHaveTheRequestedStates(int states) {
        DiagramSource source = CompilerWorkload.diagram(states);

        CompilationResult result = new DiagramCompiler().compile(source);

        assertThat(result.diagnostics()).isEmpty();
        String generated = result.baseClass().orElseThrow().content();
        assertThat(generated).contains("s" + states + "(");
        assertThat(generated).doesNotContain("s" + (states + 1) + "(");
    }

    @Test
    void everyTenthStateIsADecision() {
        String text = CompilerWorkload.diagram(30).text();

        assertThat(text).contains("state s10 <<choice>>", "state s20 <<choice>>").doesNotContain("state s30 <<choice>>");
        assertThat(text).contains("s7 --> s7: attempts=3\\nbackoffMs=100");
    }
}
