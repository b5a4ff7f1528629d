package io.gamgee.jpa;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connections of the embedded H2 store, and the compaction of its file while the store is open.
 *
 * <p>The first connection is opened directly as well as through the pool: a database another JVM
 * holds then fails at once with H2's own reason, instead of after the pool's 30 s connection timeout
 * with the reason buried in its cause.
 *
 * <p>H2 compacts nothing while commits are written at once, so the open file grows by every chunk
 * that keeps one live page (see {@code SCHEMA.md}, "The embedded H2 file"); closing the database
 * copies the live pages into a fresh file ({@code DEFRAG_ALWAYS}). A background check therefore
 * closes and reopens the database when the file has grown to {@value #GROWTH} times its size after
 * the last compaction (and past {@link #compactAbove}): new connections wait, the connections in use
 * are given back (store calls are short), the pool is closed, which closes and compacts the
 * database, and a new pool opens the compact file. Calls wait for the copy, which takes time in
 * proportion to the rows kept (about 0.4 s per 10,000 three-step workflows).
 */
final class EmbeddedConnections implements ConnectionSource {

    private static final Logger LOG = Logger.getLogger(EmbeddedConnections.class.getName());

    /**
     * The file may grow to this many times its compact size before it is compacted, so that the copy
     * (in proportion to the compact size) is paid once per that much growth.
     */
    static final int GROWTH = 8;
    /** A file smaller than this is never compacted while open. */
    static final long DEFAULT_COMPACT_ABOVE = 256L << 20;
    /** How long a compaction waits for the connections in use before it gives up until the next check. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final Path directory;
    private final int size;
    private final long compactAbove;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The store's pool; replaced by each compaction, so read under the lock. */
    private HikariDataSource pool;
    private int borrowed;
    private boolean compacting;
    private boolean closed;
    private volatile boolean opened;
    private long compactSize;
    private final ScheduledExecutorService checks;

    /**
     * @param checkEvery how often the file's size is checked; {@link Duration#ZERO} never compacts
     *     while the store is open
     * @param compactAbove the least size at which the open file is compacted
     */
    EmbeddedConnections(Path directory, int size, Duration checkEvery, long compactAbove) {
        this.directory = directory.toAbsolutePath().normalize();
        this.size = size;
        this.compactAbove = compactAbove;
        this.pool = EmbeddedH2.pool(this.directory, size);
        this.compactSize = fileSize();
        if (checkEvery.isZero()) {
            checks = null;
        } else {
            checks = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "gamgee-h2-compaction");
                thread.setDaemon(true);
                return thread;
            });
            long millis = checkEvery.toMillis();
            checks.scheduleWithFixedDelay(this::compactIfGrown, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Connection open() throws SQLException {
        HikariDataSource current;
        lock.lock();
        try {
            while (compacting) {
                changed.awaitUninterruptibly();
            }
            borrowed++;
            current = pool;
        } finally {
            lock.unlock();
        }
        try {
            return first(current);
        } catch (SQLException | RuntimeException | Error e) {
            returned();
            throw e;
        }
    }

    private Connection first(HikariDataSource current) throws SQLException {
        if (opened) {
            return current.getConnection();
        }
        // held until the pool has a connection: closing the database's last connection would close
        // (and, with DEFRAG_ALWAYS, compact) the database
        try (Connection probe = DriverManager.getConnection(current.getJdbcUrl(), current.getUsername(),
                current.getPassword())) {
            Connection connection = current.getConnection();
            opened = true;
            return connection;
        }
    }

    @Override
    public void release(Connection connection) throws SQLException {
        try {
            connection.close();
        } finally {
            returned();
        }
    }

    private void returned() {
        lock.lock();
        try {
            borrowed--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The size of the database file, or 0 before it exists. */
    long fileSize() {
        try {
            Path file = directory.resolve("gamgee.mv.db");
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private void compactIfGrown() {
        try {
            long current = fileSize();
            if (current >= compactAbove && current >= GROWTH * compactSize) {
                compact();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "compacting the embedded H2 file under " + directory + " failed", e);
        }
    }

    /**
     * Closes and reopens the database so that H2 copies its live pages into a compact file; calls
     * wait meanwhile.
     *
     * @return whether it was compacted; not when the store is closed or not yet opened, or when the
     *     connections in use did not come back within 10 s
     */
    boolean compact() {
        long before = fileSize();
        long started = System.nanoTime();
        HikariDataSource drained;
        lock.lock();
        try {
            if (closed || compacting || !opened) {
                return false;
            }
            compacting = true;
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (borrowed > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    compacting = false;
                    changed.signalAll();
                    LOG.info("the embedded H2 file under " + directory + " was not compacted: " + borrowed
                            + " connections stayed in use for " + DRAIN.toSeconds() + " s; trying again later");
                    return false;
                }
                changed.awaitNanos(left);
            }
            drained = pool;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            compacting = false;
            changed.signalAll();
            return false;
        } finally {
            lock.unlock();
        }
        try {
            // no connection is borrowed, so closing the pool closes the database's last connection,
            // and DEFRAG_ALWAYS copies it into a fresh file
            drained.close();
            HikariDataSource reopened = EmbeddedH2.pool(directory, size);
            lock.lock();
            try {
                pool = reopened;
            } finally {
                lock.unlock();
            }
            try (Connection first = reopened.getConnection()) {
                // opens the compact file now, not on the next call
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "reopening the embedded H2 database under " + directory
                    + " after its compaction failed; the next call tries again", e);
        } finally {
            lock.lock();
            try {
                compactSize = fileSize();
                compacting = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (compactSize < before) {
            LOG.info(String.format("compacted the embedded H2 file under %s from %,.1f to %,.1f MB in %,d ms",
                    directory, before / 1048576.0, compactSize / 1048576.0, millis));
        } else {
            // H2 copies the file only when its last connection closes
            LOG.info(String.format("closing and reopening the embedded H2 database under %s did not shrink its file "
                    + "(%,.1f MB, %,d ms): its pages are all live, or a connection from outside the store kept the "
                    + "database open; the next try is when it has grown %d-fold", directory,
                    compactSize / 1048576.0, millis, GROWTH));
        }
        return true;
    }

    @Override
    public void close() {
        if (checks != null) {
            checks.shutdownNow();
        }
        HikariDataSource last;
        lock.lock();
        try {
            while (compacting) {
                changed.awaitUninterruptibly();
            }
            closed = true;
            changed.signalAll();
            last = pool;
        } finally {
            lock.unlock();
        }
        last.close();
    }
}
