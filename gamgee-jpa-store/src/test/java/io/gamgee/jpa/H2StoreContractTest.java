package io.gamgee.jpa;

import io.gamgee.core.store.StateStore;
import io.gamgee.test.StateStoreContract;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The store contract on an embedded H2 file database under {@code target/}. */
class H2StoreContractTest extends StateStoreContract {

    private static JpaStateStore shared;

    @Override
    protected StateStore createStore() {
        if (shared == null) {
            shared = JpaStateStore.builder().h2(Path.of("target", "h2-contract")).purgeInterval(Duration.ZERO).build();
        }
        return shared;
    }

    @Override
    protected void cleanup(StateStore store) {
        // shared by the class's tests: the contract works on unique types and needs no reset
    }

    @Override
    protected int concurrentInstances() {
        return 2_000;
    }

    @AfterAll
    static void closeStore() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }
}
