package io.gamgee.jpa;

import io.gamgee.core.store.StateStore;
import io.gamgee.test.ForkJoinContract;
import java.time.Duration;

/**
 * Forks and joins on the MariaDb store, in a schema of their own: the contract purges everything
 * finished before a time and expects its own instance among the first 1,000.
 */
class MariaDbForkJoinTest extends ForkJoinContract {

    @Override
    protected StateStore createStore() {
        return JpaStateStore.builder().dataSource(Databases.mariadb(Databases.FORK_SCHEMA)).createSchema(true)
                .purgeInterval(Duration.ZERO).build();
    }
}
