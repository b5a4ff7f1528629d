package io.gamgee.core;

import io.gamgee.core.definition.WaitDefinition;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.WorkflowInstance;
import java.time.Instant;
import java.util.List;

/**
 * Where one workflow instance stands, as {@link WorkflowClient} reports it.
 *
 * @param instanceId the instance
 * @param workflowType its workflow type
 * @param step the step it waits at (or last ran, once finished)
 * @param status waiting, completed, unrecoverable or cancelled
 * @param attempts failed attempts of the current step
 * @param lastError the last error, or {@code null}
 * @param runAfter when the step is due
 * @param leased whether a worker holds the instance right now (its step is probably running)
 * @param createdAt when it was submitted
 * @param updatedAt when it was last written
 * @param awaiting at a wait: the events that move it on, in diagram order; empty otherwise
 * @param timerAt at a wait with a timer: when the timer fires unless an event comes first;
 *     {@code null} otherwise
 * @param branches for an instance that forked, where each of its branches stands (each as a
 *     status of its own, whose id is {@code <instance id>/<first step>}), in branch order; empty
 *     otherwise, and in {@link WorkflowClient#list lists}
 */
public record WorkflowStatus(
        String instanceId,
        String workflowType,
        String step,
        InstanceStatus status,
        int attempts,
        ErrorInfo lastError,
        Instant runAfter,
        boolean leased,
        Instant createdAt,
        Instant updatedAt,
        List<String> awaiting,
        Instant timerAt,
        List<WorkflowStatus> branches) {

    public WorkflowStatus {
        awaiting = List.copyOf(awaiting);
        branches = List.copyOf(branches);
    }

    /** The status of {@code instance} at {@code now}, without its branches. */
    public static WorkflowStatus of(WorkflowInstance instance, Instant now) {
        return of(instance, List.of(), now);
    }

    /** The status of {@code instance} and of its {@code branches} at {@code now}. */
    public static WorkflowStatus of(WorkflowInstance instance, List<WorkflowInstance> branches, Instant now) {
        return of(instance, branches, null, now);
    }

    /**
     * The status of {@code instance} and of its {@code branches} at {@code now}; {@code wait} is
     * the definition of the wait it stands at, or {@code null}.
     */
    public static WorkflowStatus of(WorkflowInstance instance, List<WorkflowInstance> branches, WaitDefinition wait,
            Instant now) {
        boolean waits = wait != null && instance.status() == InstanceStatus.WAITING;
        List<String> awaiting = waits ? wait.events().stream().map(WaitDefinition.On::event).toList() : List.of();
        Instant timerAt = waits && wait.timer() != null && !instance.runAfter().equals(StateStore.NEVER)
                ? instance.runAfter() : null;
        return new WorkflowStatus(instance.instanceId(), instance.workflowType(), instance.step(), instance.status(),
                instance.attempts(), instance.lastError(), instance.runAfter(),
                instance.status() == InstanceStatus.WAITING && instance.isLeased(now), instance.createdAt(),
                instance.updatedAt(), awaiting, timerAt, branches.stream().map(branch -> of(branch, now)).toList());
    }

    /** The branches that have not settled yet: still waiting to run, running, or retrying. */
    public List<WorkflowStatus> activeBranches() {
        return branches.stream().filter(branch -> branch.status() == InstanceStatus.WAITING).toList();
    }
}
