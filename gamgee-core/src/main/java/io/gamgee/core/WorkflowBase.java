package io.gamgee.core;

import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.StateStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The root of every generated {@code <Title>WorkflowBase}. A generated base fixes the first step's
 * payload type {@code P}, declares one abstract method per step and dispatches to them in
 * {@link #executeStep(String, Object)} without reflection.
 *
 * <p>Implementations are ordinary classes (or CDI beans); one instance may execute steps of many
 * workflow instances, concurrently, so keep per-instance state in payloads, not in fields.
 *
 * <p><b>Steps run at least once.</b> A step's transition is written exactly once, but the step
 * itself may run more than once: when it throws and is retried, when its worker dies before the
 * transition is written, or when its lease expires while it runs and another worker takes over (the
 * first result is then discarded). Make each step idempotent: use the instance id (or a key in the
 * payload) as an idempotency key for payments and messages, and write with upserts rather than
 * inserts. A step's return value only counts once its transition is stored.
 *
 * @param <P> the first step's payload type
 */
public abstract class WorkflowBase<P> {

    private final WorkflowDefinition definition;

    /** Called by generated bases with their static definition. */
    protected WorkflowBase(WorkflowDefinition definition) {
        this.definition = Objects.requireNonNull(definition, "definition");
    }

    /** The compiled diagram. */
    public final WorkflowDefinition definition() {
        return definition;
    }

    /** The workflow type, e.g. {@code ConditionsWorkflow}. */
    public final String workflowType() {
        return definition.workflowType();
    }

    /**
     * Submits a new instance that starts now. Workers find it at their next poll; submit through a
     * {@link WorkflowClient} made with the workers' {@link WorkflowRegistry} to have an idle worker
     * of this JVM start it at once.
     *
     * @return the new instance's id (a random UUID)
     * @throws PayloadException when the payload cannot be encoded as JSON
     */
    public final String submit(P payload, StateStore store) {
        return Submissions.submit(this, payload, store, null, null);
    }

    /**
     * Submits an instance under a caller-chosen id. Submitting the same id again does nothing and
     * returns the id: use the business key (an order number) to make submission idempotent.
     */
    public final String submit(P payload, StateStore store, String instanceId) {
        return Submissions.submit(this, payload, store, Objects.requireNonNull(instanceId, "instanceId"), null);
    }

    /**
     * Submits an instance whose first step runs no earlier than {@code startAt}.
     *
     * @param instanceId the id to use, or {@code null} for a random one
     */
    public final String submit(P payload, StateStore store, String instanceId, Instant startAt) {
        return Submissions.submit(this, payload, store, instanceId, Objects.requireNonNull(startAt, "startAt"));
    }

    /**
     * Runs one step. Generated code implements this by calling the step's method with the payload
     * cast to the step's payload type and turning its return value into a {@link StepResult}.
     *
     * @param step a step name of {@link #definition()}
     * @param payload an instance of that step's payload type
     * @throws Exception whatever the step throws; the worker retries or gives up per the step's policy
     */
    protected abstract StepResult executeStep(String step, Object payload) throws Exception;

    /**
     * Runs one join's merge once every branch of its fork has finished. Generated code implements
     * this for diagrams with forks by calling the join's method with each branch's result cast to
     * its type; the default, for diagrams without forks, knows no join.
     *
     * @param join a join name of {@link #definition()}
     * @param results what each branch's last step returned, in the fork's branch order
     * @throws Exception whatever the merge throws; the instance becomes unrecoverable at the join
     */
    protected StepResult executeJoin(String join, List<Object> results) throws Exception {
        throw new IllegalArgumentException(workflowType() + " has no join " + join);
    }

    /**
     * Builds the payload of a wait's timer branch from what the instance kept while it waited,
     * once no event came in time. Generated code implements this for diagrams with timed waits by
     * calling the wait's timeout method; the default knows no wait.
     *
     * @param wait a wait name of {@link #definition()} with an {@code after} branch
     * @param kept what the step before the wait handed over, of the wait's kept type
     * @throws Exception whatever the timeout method throws; the instance becomes unrecoverable at the wait
     */
    protected StepResult executeTimer(String wait, Object kept) throws Exception {
        throw new IllegalArgumentException(workflowType() + " has no timed wait " + wait);
    }

    /** Lets the worker in this package call the generated timeout method. */
    static StepResult timeout(WorkflowBase<?> workflow, String wait, Object kept) throws Exception {
        return workflow.executeTimer(wait, kept);
    }

    /** Lets the worker in this package call the generated dispatch. */
    static StepResult execute(WorkflowBase<?> workflow, String step, Object payload) throws Exception {
        return workflow.executeStep(step, payload);
    }

    /** Lets the worker in this package call the generated merge. */
    static StepResult merge(WorkflowBase<?> workflow, String join, List<Object> results) throws Exception {
        return workflow.executeJoin(join, results);
    }
}
