package io.gamgee.jpa;

import io.gamgee.core.store.StateStore;
import io.gamgee.test.ForkJoinContract;
import java.time.Duration;

/** Forks and joins on the Postgres store. */
class PostgresForkJoinTest extends ForkJoinContract {

    @Override
    protected StateStore createStore() {
        return JpaStateStore.builder().dataSource(Databases.postgres()).createSchema(true)
                .purgeInterval(Duration.ZERO).build();
    }
}
