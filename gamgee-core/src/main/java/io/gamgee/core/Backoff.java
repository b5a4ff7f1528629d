package io.gamgee.core;

import io.gamgee.core.definition.RetryPolicy;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Full-jitter exponential backoff: a delay drawn from {@code [0, backoffMs × 2^(attempt−1))}, capped. */
final class Backoff {

    private Backoff() {
    }

    /**
     * The delay before the next try of a step that just failed for the {@code attempt}-th time.
     *
     * @param attempt 1 after the first failure
     * @param max the cap on the ceiling of the draw
     */
    static Duration delay(RetryPolicy policy, int attempt, Duration max, RandomGenerator random) {
        long cap = Math.max(1, max.toMillis());
        long ceiling = policy.backoffMs();
        for (int i = 1; i < attempt && ceiling < cap; i++) {
            ceiling = ceiling > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : ceiling * 2;
        }
        ceiling = Math.min(ceiling, cap);
        return Duration.ofMillis((long) (random.nextDouble() * ceiling));
    }
}
