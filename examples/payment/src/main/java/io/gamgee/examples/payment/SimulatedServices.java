package io.gamgee.examples.payment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory stand-ins that remember what they were asked, idempotent by key. */
public final class SimulatedServices implements Services {

    private final Map<String, String> requests = new ConcurrentHashMap<>();
    private final Map<String, String> mails = new ConcurrentHashMap<>();
    /** Every call, in order, as {@code <call> <detail>}. */
    public final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public String requestPayment(String idempotencyKey, String orderId, long amountCents) {
        return requests.computeIfAbsent(idempotencyKey, key -> {
            calls.add("requestPayment " + orderId);
            return "pr-" + orderId;
        });
    }

    @Override
    public String ship(String orderId) {
        calls.add("ship " + orderId);
        return "track-" + orderId;
    }

    @Override
    public void mail(String idempotencyKey, String email, String text) {
        mails.computeIfAbsent(idempotencyKey, key -> {
            calls.add("mail " + email + ": " + text);
            return text;
        });
    }
}
