package io.gamgee.jpa;

import io.gamgee.core.store.StateStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Deletes finished instances once they are older than the retention period, in batches. */
final class Retention implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Retention.class.getName());

    private final StateStore store;
    private final Settings settings;
    private final ScheduledExecutorService scheduler;

    Retention(StateStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
        if (settings.interval().isZero()) {
            this.scheduler = null;
        } else {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "gamgee-retention");
                thread.setDaemon(true);
                return thread;
            });
            long period = settings.interval().toMillis();
            scheduler.scheduleWithFixedDelay(this::purgeQuietly, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Deletes every finished instance older than {@code now - retention}; returns how many. */
    int purge(Instant now) {
        Instant before = now.minus(settings.retention());
        int total = 0;
        int deleted;
        do {
            deleted = store.purgeFinished(before, settings.batchSize());
            total += deleted;
        } while (deleted == settings.batchSize());
        return total;
    }

    private void purgeQuietly() {
        try {
            int deleted = purge(settings.clock().instant());
            if (deleted > 0) {
                LOG.log(Level.DEBUG, "deleted {0} finished workflow instances older than {1}", deleted,
                        settings.retention());
            }
        } catch (RuntimeException e) {
            // The next run tries again; an outage must not kill the task.
            LOG.log(Level.WARNING, "purging finished workflow instances failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Validated retention options. */
    record Settings(Duration retention, Duration interval, int batchSize, Clock clock) {

        static Builder builder() {
            return new Builder();
        }

        static final class Builder {
            private Duration retention = Duration.ofDays(7);
            private Duration interval = Duration.ofMinutes(10);
            private int batchSize = 500;
            private Clock clock = Clock.systemUTC();

            void retention(Duration retention) {
                Objects.requireNonNull(retention, "retention");
                if (retention.isNegative()) {
                    throw new IllegalArgumentException("retention must not be negative: " + retention);
                }
                this.retention = retention;
            }

            void interval(Duration interval) {
                Objects.requireNonNull(interval, "interval");
                if (interval.isNegative()) {
                    throw new IllegalArgumentException("purgeInterval must not be negative: " + interval);
                }
                this.interval = interval;
            }

            void batchSize(int batchSize) {
                if (batchSize < 1) {
                    throw new IllegalArgumentException("purgeBatchSize must be at least 1: " + batchSize);
                }
                this.batchSize = batchSize;
            }

            void clock(Clock clock) {
                this.clock = Objects.requireNonNull(clock, "clock");
            }

            Settings build() {
                return new Settings(retention, interval, batchSize, clock);
            }
        }
    }
}
