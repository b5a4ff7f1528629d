package io.gamgee.jpa;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StoreConfigurationException;
import io.gamgee.core.store.StoreException;
import io.gamgee.core.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of the transitions a store's threads write at the same moment. A store has at most
 * {@linkplain #concurrentCommits() a few} transactions of transitions in flight; a transition that
 * finds one free is written at once, and one that finds them all busy waits and is written, with
 * every other transition that waited meanwhile, in the next transaction that frees up. Each stays
 * guarded by its own claimed version.
 *
 * <p>Unless configured, the number of commits in flight follows the load: the database's default
 * while few transitions are written at once, one shared commit while many are (see {@link #observe}).
 *
 * <p>Nothing waits for a fixed time. A lone transition is written at once, as the single statement
 * or short transaction it always was; transitions queue only behind commits already running, so
 * batches grow with the load and shrink when it falls. The one wait is {@link #gather()}'s: a commit
 * about to start waits, for at most half a commit's time, for threads that had a transition written
 * a moment ago and usually bring the next one sooner than that (workers running quick steps).
 *
 * <p>In a batch each transition is one entry of a JDBC batch, and its own update count says whether
 * its claim still held: a lost race discards that transition alone, and its neighbours commit. A
 * thread returns only once the transaction that holds its transition has committed. A batch that
 * fails as a whole (a row one transition cannot store, a deadlock with another node, a driver that
 * reports no per-statement counts) is rolled back and its transitions written one by one, so that
 * each ends as it would have alone; only an unreachable or misconfigured database fails them all at
 * once.
 *
 * <p>Rows are updated in instance-id order within a batch, so that two batches meeting on the same
 * rows (a lease that expired under a slow step) lock them in the same order.
 */
final class GroupCommit {

    /** The most transitions one transaction carries. */
    static final int MAX_BATCH = 64;

    /** One transition waiting to be written. */
    static final class Write {
        final String operation;
        final Claim claim;
        final String set;
        final GuardedWrites.Changes changes;
        final StepRecord record;
        private boolean finished;
        private boolean settled;
        private boolean moved;
        private StoreException failure;

        Write(String operation, Claim claim, String set, GuardedWrites.Changes changes, StepRecord record) {
            this.operation = operation;
            this.claim = claim;
            this.set = set;
            this.changes = changes;
            this.record = record;
        }

        String instanceId() {
            return claim.instanceId();
        }

        /** Whether the transition happened, once written. */
        boolean moved() {
            return moved;
        }

        /** Why it could not be written, once tried, or {@code null}. */
        StoreException failure() {
            return failure;
        }
    }

    /** A thread back with its next transition within this is busy, not idle, and worth waiting for. */
    private static final long QUICK_RETURN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Jdbc jdbc;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Write> waiting = new ArrayDeque<>();
    /** Commits in flight, at most {@link #concurrentCommits()}. */
    private int writers;
    /** Transitions in the commits in flight. */
    private int inBatches;
    /** The configured limit of commits in flight, or 0 for the database's own. */
    private final int configuredCommits;
    /** Transitions written or waiting at once, from which on one commit is shared by all. */
    static final int BUSY_FROM = 10;
    /** Transitions written or waiting at once, at which the database's default applies again. */
    static final int CALM_AT = 5;
    /** Moving average of the transitions written or waiting at once, times 256; racy updates are fine. */
    private volatile long demand;
    private volatile boolean busy;
    /** Transitions being written each in a commit of its own. */
    private final AtomicInteger alone = new AtomicInteger();
    /** Threads by when their last transition returned: busy ones come back in a moment with the next. */
    private final Map<Thread, Long> returned = new HashMap<>();
    /** Moving averages: how long a commit takes, and how soon a busy thread brings its next transition. */
    private long commitNanos;
    private long returnNanos;
    private final LongAdder transactions = new LongAdder();

    /**
     * @param concurrentCommits how many transactions of transitions may be in flight at once, or 0
     *     for {@linkplain Vendor#concurrentCommits() the database's default}
     */
    GroupCommit(Jdbc jdbc, int concurrentCommits) {
        this.jdbc = jdbc;
        this.configuredCommits = concurrentCommits;
    }

    /**
     * How many transactions of transitions may be in flight at once: the configured number, else
     * the database's default while few threads write at once and one while many do (see
     * {@link #observe}); unlimited until the database is known.
     */
    int concurrentCommits() {
        if (configuredCommits > 0) {
            return configuredCommits;
        }
        Vendor vendor = jdbc.knownVendor();
        if (vendor == null) {
            return Integer.MAX_VALUE;
        }
        return busy ? 1 : vendor.concurrentCommits();
    }

    /**
     * Follows how many transitions are being written or wait at once, as a moving average: from
     * {@value #BUSY_FROM} on, the database's default number of commits in flight gives way to one
     * commit shared by all, until the average falls to {@value #CALM_AT}. With 4 worker threads the
     * defaults were fastest; with 16, one shared commit was on every database.
     */
    void observe(int writing) {
        long average = demand;
        average += ((long) writing * 256 - average) / 16;
        demand = average;
        if (!busy && average >= BUSY_FROM * 256L) {
            busy = true;
        } else if (busy && average <= CALM_AT * 256L) {
            busy = false;
        }
    }

    /** Whether many threads write at once, so that the store shares one commit among them, for tests. */
    boolean busy() {
        return busy;
    }

    /**
     * Writes {@code write}, alone or with the transitions waiting beside it, and returns once it is
     * committed.
     *
     * @return whether the claim still held, so that the transition happened
     * @throws StoreException if it could not be written
     */
    boolean apply(Write write) {
        int maxWriters = concurrentCommits();
        if (maxWriters == Integer.MAX_VALUE) {
            // every transition its own commit: nothing to share, nothing to wait for
            observe(alone.incrementAndGet());
            try {
                writeAll(List.of(write));
            } finally {
                alone.decrementAndGet();
            }
            return outcome(write);
        }
        Thread thread = Thread.currentThread();
        lock.lock();
        try {
            Long last = returned.remove(thread);
            long now = System.nanoTime();
            if (last != null && now - last < QUICK_RETURN_NANOS) {
                returnNanos = average(returnNanos, now - last);
            }
            waiting.add(write);
            if (configuredCommits == 0) {
                observe(waiting.size() + inBatches + alone.get());
            }
            arrived.signal();
            while (!write.finished) {
                maxWriters = concurrentCommits();
                if (writers >= maxWriters || !waiting.contains(write)) {
                    written.awaitUninterruptibly();
                    continue;
                }
                writers++;
                List<Write> batch;
                long started;
                try {
                    if (writers == maxWriters) {
                        // the last free commit: whoever comes next would wait for it anyway
                        gather();
                    }
                    batch = take();
                    inBatches += batch.size();
                    started = System.nanoTime();
                } catch (RuntimeException | Error e) {
                    writers--;
                    written.signalAll();
                    throw e;
                }
                lock.unlock();
                try {
                    writeAll(batch);
                } finally {
                    lock.lock();
                    commitNanos = average(commitNanos, System.nanoTime() - started);
                    inBatches -= batch.size();
                    writers--;
                    written.signalAll();
                }
            }
            returned.put(thread, System.nanoTime());
            if (returned.size() > 256) {
                forgetIdle(System.nanoTime());
            }
        } finally {
            lock.unlock();
        }
        return outcome(write);
    }

    private static boolean outcome(Write write) {
        if (write.failure != null) {
            throw write.failure;
        }
        return write.moved;
    }

    /** Whether a commit is in flight, for tests. */
    boolean writing() {
        lock.lock();
        try {
            return writers > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Transitions waiting for the next commit, for tests. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Transactions committed, for tests. */
    long transactions() {
        return transactions.sum();
    }

    /**
     * Before a commit, waits for the threads that had a transition written a moment ago and are
     * likely to bring their next one within the time they usually take (a worker running a quick
     * step), so that they share this commit instead of each starting the next. Never longer than
     * twice that usual time, nor than half a commit: a transition that has no busy neighbours,
     * or whose neighbours run long steps, is written at once.
     */
    private void gather() {
        if (returnNanos == 0 || commitNanos == 0) {
            return;
        }
        long deadline = System.nanoTime() + Math.min(2 * returnNanos, commitNanos / 2);
        while (waiting.size() < MAX_BATCH) {
            long now = System.nanoTime();
            if (now >= deadline || forgetIdle(now) == 0) {
                return;
            }
            try {
                arrived.awaitNanos(deadline - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Forgets the threads that have not come back within twice the usual time; returns how many are left. */
    private int forgetIdle(long now) {
        long window = 2 * returnNanos;
        returned.values().removeIf(at -> now - at >= window);
        return returned.size();
    }

    private static long average(long average, long sample) {
        return average == 0 ? sample : average + (sample - average) / 8;
    }

    private List<Write> take() {
        List<Write> batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
        while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    /** Writes {@code batch} and settles every write in it, whatever happens. */
    void writeAll(List<Write> batch) {
        try {
            if (batch.size() == 1) {
                writeAlone(batch.get(0));
                return;
            }
            boolean[] moved;
            try {
                moved = jdbc.inTransaction("group commit of " + batch.size() + " transitions", null, false,
                        (connection, vendor) -> writeTogether(connection, vendor, batch));
            } catch (StoreUnavailableException | StoreConfigurationException e) {
                // writing them one by one would wait for the same database once per transition
                Exception cause = e.getCause() instanceof Exception c ? c : e;
                for (Write write : batch) {
                    write.failure = SqlErrors.translate(write.operation, write.instanceId(), cause);
                    write.settled = true;
                }
                return;
            } catch (StoreException e) {
                for (Write write : batch) {
                    writeAlone(write);
                }
                return;
            }
            transactions.increment();
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).moved = moved[i];
                batch.get(i).settled = true;
            }
        } catch (RuntimeException | Error e) {
            for (Write write : batch) {
                if (!write.settled) {
                    write.failure = new StoreException(write.operation + " of instance " + write.instanceId()
                            + " failed: " + e, e, false);
                }
            }
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            for (Write write : batch) {
                write.finished = true;
            }
        }
    }

    private void writeAlone(Write write) {
        try {
            write.moved = GuardedWrites.applyAlone(jdbc, write.operation, write.claim, write.set, write.changes,
                    write.record);
            transactions.increment();
        } catch (StoreException e) {
            write.failure = e;
        }
        write.settled = true;
    }

    /**
     * Writes {@code batch} on {@code connection}, in the caller's transaction, and tells which
     * transitions happened, in the batch's order.
     */
    static boolean[] writeTogether(Connection connection, Vendor vendor, List<Write> batch) throws SQLException {
        List<Integer> order = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> batch.get(i).instanceId()));
        Map<String, List<Integer>> bySet = new LinkedHashMap<>();
        for (int i : order) {
            bySet.computeIfAbsent(batch.get(i).set, set -> new ArrayList<>()).add(i);
        }
        boolean[] moved = new boolean[batch.size()];
        boolean oneStatement = vendor.writesTransitionInOneStatement();
        for (Map.Entry<String, List<Integer>> group : bySet.entrySet()) {
            String sql = oneStatement ? GuardedWrites.updateAndRecord(group.getKey())
                    : GuardedWrites.guardedUpdate(group.getKey());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i : group.getValue()) {
                    Write write = batch.get(i);
                    int index = GuardedWrites.bindGuarded(statement, vendor, write.claim, write.changes);
                    if (oneStatement) {
                        GuardedWrites.bindHistory(statement, vendor, index, write.record);
                    }
                    statement.addBatch();
                }
                int[] counts = statement.executeBatch();
                if (counts.length != group.getValue().size()) {
                    throw new SQLException("the driver reported " + counts.length + " update counts for a batch of "
                            + group.getValue().size());
                }
                for (int k = 0; k < counts.length; k++) {
                    if (counts[k] != 0 && counts[k] != 1) {
                        // e.g. SUCCESS_NO_INFO from a driver's bulk protocol: which claims held is unknown
                        throw new SQLException("the driver reported update count " + counts[k]
                                + " in a batch of guarded updates; they are written one by one instead");
                    }
                    moved[group.getValue().get(k)] = counts[k] == 1;
                }
            }
        }
        if (!oneStatement) {
            recordMoved(connection, vendor, batch, order, moved);
        }
        return moved;
    }

    private static void recordMoved(Connection connection, Vendor vendor, List<Write> batch, List<Integer> order,
            boolean[] moved) throws SQLException {
        int rows = 0;
        try (PreparedStatement statement = connection.prepareStatement(GuardedWrites.INSERT_HISTORY)) {
            for (int i : order) {
                if (moved[i]) {
                    statement.setString(1, batch.get(i).instanceId());
                    GuardedWrites.bindHistory(statement, vendor, 2, batch.get(i).record);
                    statement.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                statement.executeBatch();
            }
        }
    }
}
