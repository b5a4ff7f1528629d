package io.gamgee.jpa;

import io.gamgee.core.store.StateStore;
import io.gamgee.test.ForkJoinContract;
import java.time.Duration;

/** Forks and joins on the MariaDb store. */
class MariaDbForkJoinTest extends ForkJoinContract {

    @Override
    protected StateStore createStore() {
        return JpaStateStore.builder().dataSource(Databases.mariadb()).createSchema(true)
                .purgeInterval(Duration.ZERO).build();
    }
}
