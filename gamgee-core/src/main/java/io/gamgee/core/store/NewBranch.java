package io.gamgee.core.store;

import java.util.Objects;

/**
 * One branch that {@link StateStore#fork} starts: a unit of work of its own, claimed, retried and
 * recorded like an instance, whose parent waits at the fork's join.
 *
 * @param instanceId the branch's id, {@code <parent id>/<first step>} (see {@link #idOf})
 * @param step the branch's first step
 * @param payload that step's payload as JSON
 */
public record NewBranch(String instanceId, String step, String payload) {

    public NewBranch {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * The id of the branch of {@code parentId} that starts at {@code firstStep}. Unique because a
     * step starts at most one branch and a workflow visits each fork at most once.
     */
    public static String idOf(String parentId, String firstStep) {
        return parentId + "/" + firstStep;
    }
}
