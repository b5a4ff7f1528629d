package io.gamgee.jpa;

import io.gamgee.core.store.StateStore;
import io.gamgee.test.WaitContract;
import java.time.Duration;

/**
 * Waits, events and delayed steps on the Postgres store, in a schema of their own: the contract
 * purges everything finished before a time.
 */
class PostgresWaitTest extends WaitContract {

    @Override
    protected StateStore createStore() {
        return JpaStateStore.builder().dataSource(Databases.postgres(Databases.WAIT_SCHEMA)).createSchema(true)
                .purgeInterval(Duration.ZERO).build();
    }
}
