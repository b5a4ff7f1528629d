package io.gamgee.chaos;

import io.gamgee.core.definition.DecisionDefinition;
import io.gamgee.core.definition.StepDefinition;
import io.gamgee.core.definition.WorkflowDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether an instance's history is a walk through its diagram: it starts at the first step with
 * attempt 1; a row that advances names a successor the diagram draws, and the next row is that step
 * at attempt 1; a retry stays on the step at the next attempt, within the step's attempts; the
 * workflow completes only where the diagram leads to {@code [*]}; nothing follows the last
 * transition; and the instance's status agrees with how its history ends.
 */
final class HistoryPaths {

    /** One row of {@code gamgee_step_history}. */
    record Row(String step, int attempt, String outcome, String nextStep) {
    }

    private final WorkflowDefinition definition;

    HistoryPaths(WorkflowDefinition definition) {
        this.definition = definition;
    }

    /** The first way {@code rows} (in the order written) leave the diagram, or empty when they do not. */
    Optional<String> problem(List<Row> rows, String status) {
        String expectedStep = definition.firstStep();
        int expectedAttempt = 1;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String at = "row " + (i + 1) + " (" + row.step() + " attempt " + row.attempt() + " " + row.outcome() + ")";
            if (expectedStep == null) {
                return Optional.of(at + " follows the end of the workflow");
            }
            if (!row.step().equals(expectedStep) || row.attempt() != expectedAttempt) {
                return Optional.of(at + ": expected " + expectedStep + " attempt " + expectedAttempt);
            }
            StepDefinition step = definition.steps().get(row.step());
            switch (row.outcome()) {
                case "ADVANCED" -> {
                    if (!successors(step).contains(row.nextStep())) {
                        return Optional.of(at + " advanced to " + row.nextStep() + "; the diagram allows "
                                + successors(step));
                    }
                    expectedStep = row.nextStep();
                    expectedAttempt = 1;
                }
                case "RETRY_SCHEDULED" -> {
                    if (row.attempt() >= step.retryPolicy().attempts()) {
                        return Optional.of(at + " is retried beyond the step's " + step.retryPolicy().attempts()
                                + " attempts");
                    }
                    expectedAttempt++;
                }
                case "COMPLETED" -> {
                    if (!completes(step)) {
                        return Optional.of(at + " completed the workflow; the diagram does not end after "
                                + row.step());
                    }
                    expectedStep = null;
                }
                case "UNRECOVERABLE" -> expectedStep = null;
                default -> {
                    return Optional.of(at + ": unknown outcome");
                }
            }
        }
        String last = rows.isEmpty() ? "none" : rows.get(rows.size() - 1).outcome();
        boolean agrees = switch (status) {
            case "COMPLETED" -> last.equals("COMPLETED");
            case "UNRECOVERABLE" -> last.equals("UNRECOVERABLE");
            case "WAITING" -> expectedStep != null;
            default -> false;
        };
        return agrees ? Optional.empty()
                : Optional.of("status " + status + " but the history ends with " + last + " after " + rows.size()
                        + " rows");
    }

    /** The steps the diagram lets {@code step} advance to. */
    private Set<String> successors(StepDefinition step) {
        DecisionDefinition decision = definition.decisions().get(step.next());
        if (decision == null) {
            return step.next().equals(WorkflowDefinition.END) ? Set.of() : Set.of(step.next());
        }
        return decision.branches().stream().map(DecisionDefinition.Branch::target)
                .filter(target -> !target.equals(WorkflowDefinition.END)).collect(Collectors.toSet());
    }

    private boolean completes(StepDefinition step) {
        DecisionDefinition decision = definition.decisions().get(step.next());
        return decision == null ? step.next().equals(WorkflowDefinition.END)
                : decision.branches().stream().anyMatch(branch -> branch.target().equals(WorkflowDefinition.END));
    }
}
