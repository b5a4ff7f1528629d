package io.gamgee.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StepGuardTimerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void runsTasksInTheOrderTheyComeDue() throws Exception {
        StepGuard.Timer timer = new StepGuard.Timer();
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        timer.schedule(() -> { ran.add("late"); done.countDown(); }, 150 * MS);
        timer.schedule(() -> { ran.add("early"); done.countDown(); }, 50 * MS);
        timer.schedule(() -> { ran.add("middle"); done.countDown(); }, 100 * MS);

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("early", "middle", "late");
        assertThat(timer.pending()).isZero();
    }

    @Test
    void aTaskDueBeforeTheSleepingThreadWakesRunsOnTime() throws Exception {
        StepGuard.Timer timer = new StepGuard.Timer();
        timer.schedule(() -> { }, TimeUnit.SECONDS.toNanos(30));
        Thread.sleep(50);   // the timer's thread now sleeps until the first task, 30 s away
        CountDownLatch ran = new CountDownLatch(1);
        long scheduledAt = System.nanoTime();
        timer.schedule(ran::countDown, 20 * MS);

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - scheduledAt).isLessThan(TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void aCancelledTaskNeverRunsAndLeavesTheQueueAtOnce() throws Exception {
        StepGuard.Timer timer = new StepGuard.Timer();
        CountDownLatch cancelledRan = new CountDownLatch(1);
        CountDownLatch laterRan = new CountDownLatch(1);
        StepGuard.Timer.Task cancelled = timer.schedule(cancelledRan::countDown, 50 * MS);
        timer.schedule(laterRan::countDown, 100 * MS);
        timer.cancel(cancelled);

        assertThat(timer.pending()).isEqualTo(1);
        assertThat(laterRan.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelledRan.getCount()).isEqualTo(1);
        assertThat(timer.pending()).isZero();
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() throws Exception {
        // the failure is logged; kept out of the build's output and looked at here
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(StepGuard.class.getName());
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        java.util.logging.StreamHandler capture = new java.util.logging.StreamHandler(logged,
                new java.util.logging.SimpleFormatter());
        boolean parents = logger.getUseParentHandlers();
        logger.addHandler(capture);
        logger.setUseParentHandlers(false);
        try {
            StepGuard.Timer timer = new StepGuard.Timer();
            CountDownLatch ran = new CountDownLatch(1);
            timer.schedule(() -> {
                throw new IllegalStateException("renewal failed");
            }, 10 * MS);
            timer.schedule(ran::countDown, 30 * MS);

            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            capture.flush();
            assertThat(logged.toString()).contains("a step guard failed").contains("renewal failed");
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(parents);
        }
    }
}
