package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord.Outcome;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest extends StateStoreContract {

    @Override
    protected StateStore createStore() {
        return new InMemoryStateStore();
    }

    @Override
    protected int concurrentInstances() {
        return 5_000;
    }

    @Test
    void statsCountWaitingUnrecoverableAndWrites() {
        InMemoryStateStore memory = (InMemoryStateStore) store;
        String type = uniqueType();
        insert(type, at(0));
        insert(type, at(0));
        Claim claim = claim(type, FetchStrategy.OLDEST, "w", at(1));
        memory.markUnrecoverable(claim, io.gamgee.core.store.ErrorInfo.of("E", "boom"),
                record(claim, Outcome.UNRECOVERABLE, at(2), null));
        store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", at(1), at(2)); // succeeds: a write

        assertThat(memory.getStats()).isEqualTo(new InMemoryStateStore.Stats(1, 1, 5));
    }
}
