package ${package};

import java.util.function.Consumer;

/**
 * Greets someone in their language (see {@code greeting.mermaid}). {@code GreetingWorkflowBase} is
 * generated from the diagram by {@code mvn compile}; each step is one method here.
 */
public class GreetingWorkflow extends GreetingWorkflowBase {

    private final Consumer<String> outbox;

    /** Sends greetings to standard output. */
    public GreetingWorkflow() {
        this(System.out::println);
    }

    /** Sends greetings to {@code outbox}, so that tests can read them, or make sending fail. */
    public GreetingWorkflow(Consumer<String> outbox) {
        this.outbox = outbox;
    }

    @Override
    public LanguageDecision receive(ReceivePayload payload) {
        return "fr".equals(payload.language())
                ? language.inFrench(new FrenchPayload(payload.name()))
                : language.inEnglish(new EnglishPayload(payload.name()));
    }

    @Override
    public SendPayload english(EnglishPayload payload) {
        return new SendPayload("Hello, " + payload.name() + "!");
    }

    @Override
    public SendPayload french(FrenchPayload payload) {
        return new SendPayload("Bonjour, " + payload.name() + " !");
    }

    /** Tried up to 3 times (the self-arrow in the diagram); it may run more than once, so keep it idempotent. */
    @Override
    public void send(SendPayload payload) {
        outbox.accept(payload.greeting());
    }
}
