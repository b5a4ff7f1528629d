package io.gamgee.jpa;

import io.gamgee.core.store.StateStore;
import io.gamgee.test.ForkJoinContract;
import java.nio.file.Path;
import java.time.Duration;

/** Forks and joins on the H2 store. */
class H2ForkJoinTest extends ForkJoinContract {

    @Override
    protected StateStore createStore() {
        return JpaStateStore.builder().h2(Path.of("target", "h2-forks")).purgeInterval(Duration.ZERO).build();
    }
}
