package com.example;

import io.gamgee.core.store.StateStore;
import io.gamgee.jpa.JpaStateStore;
import java.nio.file.Path;

public class GreetingWorkflow extends GreetingWorkflowBase {

    @Override
    public void greet(GreetPayload payload) {
        System.out.println("Hello, " + payload.name());
    }

    static StateStore store() {
        return JpaStateStore.h2(Path.of("gamgee-data"));
    }
}
