package io.gamgee.test;

import io.gamgee.core.store.StateStore;

class InMemoryWaitTest extends WaitContract {

    @Override
    protected StateStore createStore() {
        return new InMemoryStateStore();
    }
}
