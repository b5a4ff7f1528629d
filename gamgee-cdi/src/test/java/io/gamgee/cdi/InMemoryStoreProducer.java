package io.gamgee.cdi;

import io.gamgee.core.store.StateStore;
import io.gamgee.test.InMemoryStateStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** An application-provided store: it must win over Gamgee's default. */
@ApplicationScoped
public class InMemoryStoreProducer {

    @Produces
    @Singleton
    StateStore store() {
        return new InMemoryStateStore();
    }
}
