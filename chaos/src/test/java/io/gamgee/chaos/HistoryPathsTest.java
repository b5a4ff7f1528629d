package io.gamgee.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.chaos.HistoryPaths.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The path check against the chaos diagram: the walks it allows and each way a history can leave it. */
class HistoryPathsTest {

    private final HistoryPaths paths = new HistoryPaths(ChaosOrderWorkflowBase.DEFINITION);

    private static final Row RESERVE = new Row("reserve", 1, "ADVANCED", "charge");
    private static final Row CHARGE_TO_SHIP = new Row("charge", 1, "ADVANCED", "ship");
    private static final Row SHIP = new Row("ship", 1, "ADVANCED", "confirm");
    private static final Row CONFIRM = new Row("confirm", 1, "COMPLETED", null);

    @Test
    void aCompletedWalkThroughEitherBranchIsAPath() {
        assertThat(paths.problem(List.of(RESERVE, CHARGE_TO_SHIP, SHIP, CONFIRM), "COMPLETED")).isEmpty();
        assertThat(paths.problem(List.of(RESERVE, new Row("charge", 1, "ADVANCED", "refund"),
                new Row("refund", 1, "ADVANCED", "confirm"), CONFIRM), "COMPLETED")).isEmpty();
    }

    @Test
    void retriesStayOnTheStepWithinItsAttempts() {
        List<Row> retried = List.of(RESERVE, new Row("charge", 1, "RETRY_SCHEDULED", null),
                new Row("charge", 2, "RETRY_SCHEDULED", null), new Row("charge", 3, "ADVANCED", "ship"), SHIP, CONFIRM);
        assertThat(paths.problem(retried, "COMPLETED")).isEmpty();

        List<Row> gaveUp = List.of(RESERVE, new Row("charge", 1, "RETRY_SCHEDULED", null),
                new Row("charge", 2, "RETRY_SCHEDULED", null), new Row("charge", 3, "RETRY_SCHEDULED", null),
                new Row("charge", 4, "UNRECOVERABLE", null));
        assertThat(paths.problem(gaveUp, "UNRECOVERABLE")).isEmpty();

        List<Row> tooMany = List.of(RESERVE, new Row("charge", 1, "RETRY_SCHEDULED", null),
                new Row("charge", 2, "RETRY_SCHEDULED", null), new Row("charge", 3, "RETRY_SCHEDULED", null),
                new Row("charge", 4, "RETRY_SCHEDULED", null));
        assertThat(paths.problem(tooMany, "WAITING")).get().asString().contains("beyond the step's 4 attempts");
    }

    @Test
    void anUnfinishedWalkIsAPathWhileTheInstanceWaits() {
        assertThat(paths.problem(List.of(RESERVE), "WAITING")).isEmpty();
        assertThat(paths.problem(List.of(), "WAITING")).isEmpty();
    }

    @Test
    void aStepTheDiagramDoesNotDrawIsReported() {
        assertThat(paths.problem(List.of(RESERVE, new Row("charge", 1, "ADVANCED", "confirm")), "WAITING")).get()
                .asString().contains("advanced to confirm; the diagram allows");
    }

    @Test
    void aSkippedOrRepeatedTransitionIsReported() {
        assertThat(paths.problem(List.of(RESERVE, SHIP, CONFIRM), "COMPLETED")).get().asString()
                .contains("expected charge attempt 1");
        assertThat(paths.problem(List.of(RESERVE, RESERVE, CHARGE_TO_SHIP, SHIP, CONFIRM), "COMPLETED")).get()
                .asString().contains("row 2 (reserve attempt 1 ADVANCED): expected charge attempt 1");
        assertThat(paths.problem(List.of(RESERVE, CHARGE_TO_SHIP, SHIP, CONFIRM, CONFIRM), "COMPLETED")).get()
                .asString().contains("follows the end of the workflow");
    }

    @Test
    void completingWhereTheDiagramGoesOnIsReported() {
        assertThat(paths.problem(List.of(RESERVE, new Row("charge", 1, "COMPLETED", null)), "COMPLETED")).get()
                .asString().contains("the diagram does not end after charge");
    }

    @Test
    void aStatusThatDisagreesWithTheHistoryIsReported() {
        assertThat(paths.problem(List.of(RESERVE, CHARGE_TO_SHIP, SHIP, CONFIRM), "WAITING")).get().asString()
                .contains("status WAITING but the history ends with COMPLETED");
        assertThat(paths.problem(List.of(RESERVE), "COMPLETED")).get().asString()
                .contains("status COMPLETED but the history ends with ADVANCED");
    }
}
