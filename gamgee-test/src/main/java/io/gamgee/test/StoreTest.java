package io.gamgee.test;

import io.gamgee.core.store.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test suite run against one store: it creates the store before each test and releases it after.
 * The contract suites ({@link StateStoreContract}, {@link PoisonWorkContract}) extend it; subclass
 * those once per store.
 */
public abstract class StoreTest {

    /** The store under test, created before each test. */
    protected StateStore store;

    /** Creates the store under test; called before each test. */
    protected abstract StateStore createStore();

    /** Releases the store after each test; the default closes it. */
    protected void cleanup(StateStore store) {
        store.close();
    }

    @BeforeEach
    void createStoreUnderTest() {
        store = createStore();
    }

    @AfterEach
    void cleanupStoreUnderTest() {
        if (store != null) {
            cleanup(store);
        }
    }
}
