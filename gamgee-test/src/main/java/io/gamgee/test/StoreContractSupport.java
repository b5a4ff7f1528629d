package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.core.store.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the store contract suites ({@link StateStoreContract}, {@link ForkJoinContract}) share: a
 * clock of whole seconds, workflow types of their own, and short ways to insert, claim and record.
 */
public abstract class StoreContractSupport extends StoreTest {

    /** Lease length for claims that must not expire during a test. */
    protected static final Duration LONG_LEASE = Duration.ofHours(1);

    /** A base time for the test; {@link #at(long)} gives whole seconds after it. */
    protected Instant t0;

    @BeforeEach
    void startTheClock() {
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    // --- helpers -------------------------------------------------------------------------------

    /** {@code t0} plus whole seconds. */
    protected Instant at(long seconds) {
        return t0.plusSeconds(seconds);
    }

    /** A workflow type no other test (or run) uses. */
    protected static String uniqueType() {
        return "Contract" + UUID.randomUUID().toString().replace("-", "") + "Workflow";
    }

    /** A new instance of {@code type} at step {@code first}, due at {@code runAfter}. */
    protected static NewInstance newInstance(String type, String id, Instant runAfter) {
        return new NewInstance(id, type, "first", "{\"n\":1}", runAfter, "00-trace", "hash-1", runAfter);
    }

    /** Inserts an instance with a fresh id and returns the id. */
    protected String insert(String type, Instant runAfter) {
        String id = type + "-" + UUID.randomUUID();
        assertThat(store.insert(newInstance(type, id, runAfter))).isTrue();
        return id;
    }

    protected Claim claim(String type, FetchStrategy strategy, String worker, Instant now) {
        return store.claim(Query.workflowType(type), strategy, worker, now, now.plus(LONG_LEASE))
                .orElseThrow(() -> new AssertionError("expected a due instance of " + type + " at " + now));
    }

    protected static StepRecord record(Claim claim, Outcome outcome, Instant finishedAt, String nextStep) {
        return new StepRecord(claim.instanceId(), claim.instance().step(), claim.instance().attempts() + 1,
                claim.workerId(), finishedAt.minusMillis(5), finishedAt, outcome, nextStep,
                outcome == Outcome.RETRY_SCHEDULED || outcome == Outcome.UNRECOVERABLE ? "boom" : null);
    }

    protected WorkflowInstance get(String id) {
        return store.find(id).orElseThrow(() -> new AssertionError("no instance " + id));
    }

}
