package io.gamgee.it.weld;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** The service the greeting workflow has injected. */
@ApplicationScoped
public class Greeter {

    private final AtomicInteger greetings = new AtomicInteger();

    public String greet(String name) {
        greetings.incrementAndGet();
        return "Hello, " + name + "!";
    }

    /** How many greetings this container made. */
    public int greetings() {
        return greetings.get();
    }
}
