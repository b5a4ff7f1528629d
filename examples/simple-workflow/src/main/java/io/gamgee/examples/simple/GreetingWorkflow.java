package io.gamgee.examples.simple;

/** The smallest workflow: one step, tried up to twice (see {@code greeting.mermaid}). */
public class GreetingWorkflow extends GreetingWorkflowBase {

    private final Greeter greeter;

    /** Greets on standard output. */
    public GreetingWorkflow() {
        this(System.out::println);
    }

    /** Greets through {@code greeter}. */
    public GreetingWorkflow(Greeter greeter) {
        this.greeter = greeter;
    }

    @Override
    public void greet(GreetPayload payload) throws Exception {
        greeter.deliver("Hello, " + payload.name() + "!");
    }
}
