package io.gamgee.cdi;

import io.gamgee.core.TransactionJoiner;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StoreException;
import io.gamgee.jpa.JpaStateStore;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Joins JTA transactions: a submit inside a {@code @Transactional} method becomes part of it. When
 * the store writes through the application's (JTA-enlisted) {@code DataSource}, the instance is
 * inserted on the transaction's connection, so it commits or rolls back with the application's own
 * writes; otherwise it is inserted once the transaction has committed. Either way the workers are
 * woken after the commit, and nothing happens on a rollback. Loaded only when the JTA API is
 * present.
 */
final class JtaTransactions implements TransactionJoiner {

    private static final System.Logger LOG = System.getLogger(JtaTransactions.class.getName());

    private final TransactionSynchronizationRegistry transactions;
    private final DataSource enlisting;

    private JtaTransactions(TransactionSynchronizationRegistry transactions, DataSource enlisting) {
        this.transactions = transactions;
        this.enlisting = enlisting;
    }

    /**
     * The joiner of the container's transactions, if it has a {@link TransactionSynchronizationRegistry}.
     *
     * @param enlisting the application's data source the store writes through, or {@code null}
     */
    static Optional<TransactionJoiner> of(Instance<Object> beans, DataSource enlisting) {
        Instance<TransactionSynchronizationRegistry> registries = beans.select(TransactionSynchronizationRegistry.class);
        if (!registries.isResolvable()) {
            return Optional.empty();
        }
        return Optional.of(new JtaTransactions(registries.get(), enlisting));
    }

    @Override
    public boolean join(StateStore store, Consumer<StateStore> insert, Runnable afterCommit) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_MARKED_ROLLBACK) {
            return true;   // it can only roll back: the submit would vanish with it
        }
        if (status != Status.STATUS_ACTIVE) {
            return false;
        }
        if (enlisting != null && store instanceof JpaStateStore jpa) {
            try (Connection connection = enlisting.getConnection()) {
                insert.accept(jpa.joining(connection));
            } catch (SQLException e) {
                throw new StoreException("submit in the caller's transaction failed: cannot get its connection ("
                        + e.getMessage() + ")", e, false);
            }
            transactions.registerInterposedSynchronization(afterCommit(afterCommit));
        } else {
            transactions.registerInterposedSynchronization(afterCommit(() -> {
                try {
                    insert.accept(store);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "Gamgee: a workflow submitted in a transaction that committed could not be "
                            + "stored afterwards (" + e.getMessage() + "); the store does not write through the "
                            + "application's DataSource, so it cannot take part in the transaction", e);
                    return;
                }
                afterCommit.run();
            }));
        }
        return true;
    }

    private static Synchronization afterCommit(Runnable action) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        };
    }
}
