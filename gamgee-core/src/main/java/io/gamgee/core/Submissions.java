package io.gamgee.core;

import io.gamgee.core.store.StateStore;
import java.time.Instant;

/** Encodes, stamps and inserts new instances for {@link WorkflowBase} and {@link WorkflowClient}. */
final class Submissions {

    private Submissions() {
    }

    static String submit(WorkflowBase<?> workflow, Object payload, StateStore store, String instanceId, Instant startAt) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
