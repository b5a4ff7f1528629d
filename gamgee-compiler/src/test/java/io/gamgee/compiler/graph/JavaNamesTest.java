package io.gamgee.compiler.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The naming rules the package documentation promises. */
class JavaNamesTest {

    @ParameterizedTest
    @CsvSource({
        "charge, charge, Charge",
        "my-task, myTask, MyTask",
        "my_task, myTask, MyTask",
        "my task, myTask, MyTask",
        "MyTask, myTask, MyTask",
        "check--stock_level, checkStockLevel, CheckStockLevel",
        "sendHTTP-request, sendHTTPRequest, SendHTTPRequest",
        "état-final, étatFinal, ÉtatFinal",
    })
    void stateNames(String state, String member, String stem) {
        assertThat(JavaNames.memberName(state)).contains(member);
        assertThat(JavaNames.typeStem(state)).contains(stem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1st", "a.b", "a$b", "-", "a+b", "ok?"})
    void namesThatCannotBecomeIdentifiers(String state) {
        assertThat(JavaNames.memberName(state)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "order fulfillment, OrderFulfillmentWorkflow",
        "ConditionsWorkflow, ConditionsWorkflow",
        "conditions workflow, ConditionsWorkflow",
        "Order #42 (EU), Order42EUWorkflow",
        "billing-v2, BillingV2Workflow",
    })
    void titles(String title, String type) {
        assertThat(JavaNames.workflowType(title)).contains(type);
    }
}
