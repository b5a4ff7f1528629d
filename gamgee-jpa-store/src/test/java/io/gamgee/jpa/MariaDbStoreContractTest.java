package io.gamgee.jpa;

import io.gamgee.core.store.StateStore;
import io.gamgee.test.StateStoreContract;
import java.time.Duration;

/** The store contract on the MariaDb server of {@link Databases}. */
class MariaDbStoreContractTest extends StateStoreContract {

    @Override
    protected StateStore createStore() {
        return JpaStateStore.builder().dataSource(Databases.mariadb()).createSchema(true)
                .purgeInterval(Duration.ZERO).build();
    }

    @Override
    protected int concurrentInstances() {
        return 1_000;
    }
}
