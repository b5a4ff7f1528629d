package io.gamgee.it.helidon;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Where the last step writes what a test checks. */
@ApplicationScoped
public class Guestbook {

    private final List<String> entries = new CopyOnWriteArrayList<>();

    public void write(String entry) {
        entries.add(entry);
    }

    public List<String> entries() {
        return List.copyOf(entries);
    }
}
