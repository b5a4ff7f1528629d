package io.gamgee.jpa;

import io.gamgee.core.store.StateStore;
import io.gamgee.test.PoisonWorkContract;
import java.nio.file.Path;
import java.time.Duration;

/** Poison work on the H2 store. */
class H2PoisonWorkTest extends PoisonWorkContract {

    @Override
    protected StateStore createStore() {
        return JpaStateStore.builder().h2(Path.of("target", "h2-poison")).purgeInterval(Duration.ZERO).build();
    }
}
