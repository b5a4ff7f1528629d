package io.gamgee.jpa;

import io.gamgee.core.store.StateStore;
import io.gamgee.test.WaitContract;
import java.nio.file.Path;
import java.time.Duration;

/** Waits, events and delayed steps on the H2 store. */
class H2WaitTest extends WaitContract {

    @Override
    protected StateStore createStore() {
        return JpaStateStore.builder().h2(Path.of("target", "h2-waits")).purgeInterval(Duration.ZERO).build();
    }
}
