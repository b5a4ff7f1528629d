package io.gamgee.core;

import io.gamgee.core.store.StateStore;
import java.util.function.Consumer;

/**
 * How a {@link WorkflowClient} makes a submit part of the caller's transaction, for containers that
 * manage transactions (the CDI extension joins JTA transactions with one). Without a joiner, or
 * when the calling thread is in no transaction, a submit commits on its own.
 */
@FunctionalInterface
public interface TransactionJoiner {

    /**
     * If the calling thread is in a transaction, has {@code insert} write the new instance as part
     * of it — through a view of {@code store} bound to the transaction, or, where the store cannot
     * take part, once it has committed — and runs {@code afterCommit} once it committed; nothing
     * happens if it rolls back.
     *
     * @return {@code true} if a transaction took the submit over, {@code false} (having done
     *     nothing) if there is none
     */
    boolean join(StateStore store, Consumer<StateStore> insert, Runnable afterCommit);
}
