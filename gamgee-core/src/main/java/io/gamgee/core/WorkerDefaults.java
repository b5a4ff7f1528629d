package io.gamgee.core;

import java.time.Duration;

/**
 * The defaults of every worker option, in one place: {@link WorkerPool.Builder},
 * {@link WorkflowWorker.Builder} and the CDI configuration keys ({@code gamgee.workers.*}) all
 * start from these.
 */
public final class WorkerDefaults {

    /** Worker threads of a pool. */
    public static final int THREADS = 4;
    /** Which due instance a pool claims first: the one due longest. */
    public static final FetchStrategy FETCH_STRATEGY = FetchStrategy.OLDEST;
    /** How long a claim holds before another worker may take over; renewed while a step runs. */
    public static final Duration LEASE = Duration.ofSeconds(30);
    /** How often idle workers look for work nothing woke them for. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** How long closing a pool waits for running steps. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /** How long one try of a step may run when its diagram sets no {@code timeoutMs}. */
    public static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);
    /** The cap on a retry's backoff. */
    public static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private WorkerDefaults() {
    }
}
