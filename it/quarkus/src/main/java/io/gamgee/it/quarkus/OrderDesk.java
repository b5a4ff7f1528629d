package io.gamgee.it.quarkus;

import io.gamgee.core.WorkflowClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Saves an order and starts its workflow in one JTA transaction, as an application would. */
@ApplicationScoped
public class OrderDesk {

    @Inject
    EntityManager entities;
    @Inject
    WorkflowClient workflows;

    /** Saves the order and submits its greeting; both commit together. */
    @Transactional
    public String place(String orderId, String guest) {
        entities.persist(new GuestOrder(orderId, guest));
        return workflows.submit(GreetingWorkflow.class, new GreetPayload(guest), orderId);
    }

    /**
     * Saves the order and submits its greeting, checks that the instance is visible inside the
     * transaction (so it went through the transaction's own connection), then fails: both roll back.
     *
     * @return never
     */
    @Transactional
    public long placeThenFail(String orderId, String guest) {
        place(orderId, guest);
        Number seen = (Number) entities.createNativeQuery("SELECT COUNT(*) FROM gamgee_instance WHERE instance_id = ?1")
                .setParameter(1, orderId).getSingleResult();
        throw new PaymentDeclined(seen.longValue());
    }

    /** The failure that rolls the transaction back; carries what the transaction saw. */
    public static final class PaymentDeclined extends RuntimeException {
        private final long instancesSeen;

        PaymentDeclined(long instancesSeen) {
            super("payment declined");
            this.instancesSeen = instancesSeen;
        }

        /** How many rows of the instance the transaction saw before it failed. */
        public long instancesSeen() {
            return instancesSeen;
        }
    }
}
