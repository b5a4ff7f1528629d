package io.gamgee.examples.orders;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** Sends customers e-mail (here: counts them, since the demo draws a progress table). */
@ApplicationScoped
public class Notifier {

    private final AtomicLong sent = new AtomicLong();

    /** Sends one message. */
    public void send(String email, String message) {
        Latency.simulate();
        sent.incrementAndGet();
    }

    /** Messages sent in this JVM. */
    public long sent() {
        return sent.get();
    }
}
