package io.gamgee.examples.payment;

import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.WorkflowStatus;
import io.gamgee.jpa.JpaStateStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Three orders on the embedded H2 store: the provider's webhook captures one, declines one, and
 * says nothing about the third, which waits for its timer (two days) as one row.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("demo.data", "target/payment-data"));
        SimulatedServices services = new SimulatedServices();
        WorkflowRegistry registry = WorkflowRegistry.of(() -> new PaymentWorkflow(services));
        try (JpaStateStore store = JpaStateStore.h2(data);
                WorkerPool pool = WorkerPool.builder(registry, store).threads(2).build().start()) {
            WorkflowClient client = WorkflowClient.create(store, registry);
            PaymentWebhook webhook = new PaymentWebhook(client);
            long run = System.currentTimeMillis();
            List<String> orders = List.of("order-" + run + "-a", "order-" + run + "-b", "order-" + run + "-c");
            for (String order : orders) {
                client.submit(PaymentWorkflow.class, new RequestPaymentPayload(order, order + "@example.com", 4200),
                        order);
            }
            System.out.println("webhook captured " + orders.get(0) + ": HTTP "
                    + webhook.handle("dlv-1", orders.get(0), "captured", "cap-1"));
            System.out.println("webhook retried the same delivery: HTTP "
                    + webhook.handle("dlv-1", orders.get(0), "captured", "cap-1"));
            System.out.println("webhook declined " + orders.get(1) + ": HTTP "
                    + webhook.handle("dlv-2", orders.get(1), "declined", "insufficient funds"));
            Thread.sleep(1500);
            for (String order : orders) {
                WorkflowStatus status = client.status(order).orElseThrow();
                System.out.printf("%s: %s at %s%s%n", order, status.status(), status.step(),
                        status.awaiting().isEmpty() ? ""
                                : ", waiting for " + status.awaiting() + (status.timerAt() == null ? ""
                                        : " or its timer at " + status.timerAt()));
            }
            services.calls.forEach(call -> System.out.println("  " + call));
        }
    }
}
