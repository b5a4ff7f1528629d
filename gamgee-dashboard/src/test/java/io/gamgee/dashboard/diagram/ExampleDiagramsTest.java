package io.gamgee.dashboard.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.compiler.diagram.DiagramParser;
import io.gamgee.compiler.diagram.Reporter;
import io.gamgee.compiler.graph.Decision;
import io.gamgee.compiler.graph.Fork;
import io.gamgee.compiler.graph.GraphValidator;
import io.gamgee.compiler.graph.Join;
import io.gamgee.compiler.graph.Step;
import io.gamgee.compiler.graph.Wait;
import io.gamgee.compiler.graph.WorkflowGraph;
import io.gamgee.core.definition.JoinDefinition;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.WaitDefinition;
import io.gamgee.core.definition.WorkflowDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Every diagram under {@code examples/}, parsed and validated by the real compiler, turned into the
 * definition its generated base class would hold (payload types aside), and drawn.
 */
class ExampleDiagramsTest {

    record P() {
    }

    @Test
    void everyExampleDiagramRenders() throws Exception {
        Path examples = Path.of("..", "examples");
        List<Path> diagrams;
        try (Stream<Path> files = Files.walk(examples)) {
            diagrams = files.filter(f -> f.toString().endsWith(".mermaid") && f.toString().contains("src/main/mermaid"))
                    .sorted().toList();
        }
        assertThat(diagrams).hasSizeGreaterThanOrEqualTo(5);
        for (Path diagram : diagrams) {
            Reporter reporter = new Reporter(diagram.toString());
            WorkflowGraph graph = GraphValidator.validate(DiagramParser.parse(Files.readString(diagram), reporter),
                    reporter).orElseThrow(() -> new AssertionError(diagram + ": " + reporter.diagnostics()));
            WorkflowDefinition definition = definition(graph);
            String svg = DiagramSvg.render(definition, Map.of(), null, state -> "/" + state);
            Document document = DiagramSvgTest.parse(svg);
            for (Step step : graph.steps()) {
                assertThat(DiagramSvgTest.nodes(document, "//*[local-name()='g'][@data-state='" + step.name()
                        + "']/*[local-name()='a']/*[local-name()='rect']").getLength()).as(diagram + " " + step.name())
                        .isEqualTo(1);
            }
            long arrows = DiagramSvgTest.nodes(document, "//*[local-name()='g'][@class='edge']").getLength();
            assertThat(arrows).as(diagram.toString()).isGreaterThanOrEqualTo(graph.steps().size() + 1);
            Path out = Path.of("target", "diagrams", definition.workflowType() + ".svg");
            Files.createDirectories(out.getParent());
            Files.writeString(out, svg);
        }
    }

    static WorkflowDefinition definition(WorkflowGraph graph) {
        WorkflowDefinition.Builder builder = WorkflowDefinition.builder(graph.workflowType(), "example")
                .source(graph.workflowType() + ".mermaid").firstStep(graph.firstStep());
        for (Step step : graph.steps()) {
            builder.step(step.name(), P.class, step.next(), new RetryPolicy(step.retry().attempts(),
                    step.retry().backoffMs(), step.retry().timeoutMs()), step.line(), Duration.ofMillis(step.delayMs()));
        }
        for (Decision decision : graph.decisions()) {
            builder.decision(new io.gamgee.core.definition.DecisionDefinition(decision.name(), decision.branches().stream()
                    .map(b -> new io.gamgee.core.definition.DecisionDefinition.Branch(b.label(), b.target())).toList(),
                    decision.line()));
        }
        for (Fork fork : graph.forks()) {
            builder.fork(fork.name(), fork.join(), fork.line(),
                    fork.branches().stream().map(Fork.Branch::firstStep).toArray(String[]::new));
            Join join = graph.join(fork.join()).orElseThrow();
            builder.join(join.name(), join.next(), join.line(), fork.branches().stream()
                    .map(b -> new JoinDefinition.Input(b.lastStep(), P.class)).toArray(JoinDefinition.Input[]::new));
        }
        for (Wait wait : graph.waits()) {
            builder.await(new WaitDefinition(wait.name(), P.class, wait.events().stream()
                    .map(on -> new WaitDefinition.On(on.event(), on.target(),
                            WorkflowDefinition.END.equals(on.target()) ? Void.class : P.class)).toList(),
                    wait.timer().map(t -> new WaitDefinition.After(Duration.ofMillis(t.delayMs()), t.target()))
                            .orElse(null), wait.line()));
        }
        return builder.build();
    }
}
