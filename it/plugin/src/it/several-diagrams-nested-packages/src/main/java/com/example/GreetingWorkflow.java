package com.example;

public class GreetingWorkflow extends GreetingWorkflowBase {

    @Override
    public void greet(GreetPayload payload) {
        System.out.println("Hello, " + payload.name());
    }
}
