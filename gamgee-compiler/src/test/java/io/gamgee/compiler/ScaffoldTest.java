package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScaffoldTest {

    @TempDir
    Path classes;

    @ParameterizedTest
    @ValueSource(strings = {"conditions.mermaid", "charge.mermaid", "out-of-order.mermaid", "give-up.mermaid",
        "checkout.mermaid", "payment.mermaid"})
    void scaffoldCompilesWithTheGeneratedBaseAsIs(String diagram) {
        DiagramSource source = Diagrams.resource(diagram);
        List<JavaSources.Source> sources = new ArrayList<>();
        sources.add(JavaSources.Source.of(new DiagramCompiler().compile(source).baseClass().orElseThrow()));
        new DiagramCompiler().scaffold(source).forEach(file -> sources.add(JavaSources.Source.of(file)));

        JavaSources.Result result = JavaSources.compile(sources, classes);

        assertThat(result.success()).as(result.errors()).isTrue();
    }

    @Test
    void scaffoldHasOnePayloadRecordPerStepAndTheImplementation() {
        List<GeneratedFile> files = new DiagramCompiler().scaffold(Diagrams.resource("conditions.mermaid"));

        assertThat(files).extracting(GeneratedFile::relativePath).containsExactly(
                "com/example/DecidePayload.java", "com/example/LeftPayload.java", "com/example/RightPayload.java",
                "com/example/ConditionsWorkflow.java");
        assertThat(files.get(0).content()).contains("public record DecidePayload()");
        assertThat(files.get(3).content())
                .contains("public class ConditionsWorkflow extends ConditionsWorkflowBase")
                .contains("public ConditionsWorkflowBase.ChoiceDecision decide(DecidePayload payload)")
                .contains("// TODO: return one of choice.chooseLeft(…), choice.chooseRight(…)")
                .contains("throw new UnsupportedOperationException(\"TODO: implement step decide\");");
    }

    @Test
    void scaffoldOfAForkHasAResultRecordPerLastBranchStepAndTheMergeMethod() {
        List<GeneratedFile> files = new DiagramCompiler().scaffold(Diagrams.resource("checkout.mermaid"));

        assertThat(files).extracting(GeneratedFile::relativePath).containsExactly(
                "com/example/PreparePayload.java", "com/example/ChargeCardPayload.java",
                "com/example/ReserveStockPayload.java", "com/example/PickShelfPayload.java",
                "com/example/ShipPayload.java", "com/example/ChargeCardResult.java", "com/example/PickShelfResult.java",
                "com/example/CheckoutWorkflow.java");
        assertThat(files.get(5).content()).contains("public record ChargeCardResult()")
                .contains("The result of step {@code chargeCard} (com/example/checkout.mermaid:9), the last of its "
                        + "branch, which join {@code merge} merges.");
        assertThat(files.get(7).content())
                .contains("public CheckoutWorkflowBase.Split prepare(PreparePayload payload)")
                .contains("// TODO: return split.start(…, …)")
                .contains("public ChargeCardResult chargeCard(ChargeCardPayload payload)")
                .contains("public ShipPayload merge(ChargeCardResult chargeCard, PickShelfResult pickShelf)")
                .contains("throw new UnsupportedOperationException(\"TODO: implement join merge\");");
    }

    @Test
    void scaffoldOfAWaitHasAKeptRecordAndTheTimeoutMethod() {
        List<GeneratedFile> files = new DiagramCompiler().scaffold(Diagrams.resource("payment.mermaid"));

        assertThat(files).extracting(GeneratedFile::relativePath).containsExactly(
                "com/example/RequestPaymentPayload.java", "com/example/ShipPayload.java",
                "com/example/CancelOrderPayload.java", "com/example/RemindPayload.java", "com/example/PaidPayload.java",
                "com/example/PaymentWorkflow.java");
        assertThat(files.get(4).content()).contains("public record PaidPayload()")
                .contains("What an instance keeps while it waits at wait {@code paid} (com/example/payment.mermaid:5), "
                        + "handed to {@code paidTimedOut} if its timer fires first.");
        assertThat(files.get(5).content())
                .contains("public PaymentWorkflowBase.Paid requestPayment(RequestPaymentPayload payload)")
                .contains("// TODO: return paid.await(…)")
                .contains("public RemindPayload paidTimedOut(PaidPayload kept)")
                .contains("throw new UnsupportedOperationException(\"TODO: implement the timeout of wait paid\");");
    }

    @Test
    void diagramWithErrorsHasNoScaffold() {
        assertThat(new DiagramCompiler().scaffold(Diagrams.body("[*] --> a"))).isEmpty();
    }
}
