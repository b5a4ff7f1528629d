package io.gamgee.test;

import io.gamgee.core.store.StateStore;

class InMemoryPoisonWorkTest extends PoisonWorkContract {

    @Override
    protected StateStore createStore() {
        return new InMemoryStateStore();
    }
}
