package io.gamgee.test;

import io.gamgee.core.store.StateStore;

class InMemoryForkJoinTest extends ForkJoinContract {

    @Override
    protected StateStore createStore() {
        return new InMemoryStateStore();
    }
}
