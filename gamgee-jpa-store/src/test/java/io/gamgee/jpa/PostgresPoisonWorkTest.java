package io.gamgee.jpa;

import io.gamgee.core.store.StateStore;
import io.gamgee.test.PoisonWorkContract;
import java.time.Duration;

/** Poison work on the Postgres store. */
class PostgresPoisonWorkTest extends PoisonWorkContract {

    @Override
    protected StateStore createStore() {
        return JpaStateStore.builder().dataSource(Databases.postgres()).createSchema(true)
                .purgeInterval(Duration.ZERO).build();
    }
}
