package io.gamgee.core;

import java.util.Objects;

/**
 * Which instances a worker claims or a call acts on: by workflow type and/or step. A {@code null}
 * field matches everything.
 *
 * @param workflowType the workflow type, or {@code null} for any
 * @param step the step, or {@code null} for any
 */
public record Query(String workflowType, String step) {

    private static final Query ALL = new Query(null, null);

    /** Every instance. */
    public static Query all() {
        return ALL;
    }

    /** Instances of one workflow type. */
    public static Query workflowType(String workflowType) {
        return new Query(Objects.requireNonNull(workflowType, "workflowType"), null);
    }

    /** This query narrowed to one step. */
    public Query step(String step) {
        return new Query(workflowType, Objects.requireNonNull(step, "step"));
    }

    /** Whether an instance of this type at this step matches. */
    public boolean matches(String instanceType, String instanceStep) {
        return (workflowType == null || workflowType.equals(instanceType))
                && (step == null || step.equals(instanceStep));
    }
}
