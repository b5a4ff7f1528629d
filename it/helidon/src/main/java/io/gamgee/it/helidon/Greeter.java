package io.gamgee.it.helidon;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

/** The service the workflow has injected; its span must nest under the step's span. */
@ApplicationScoped
public class Greeter {

    @WithSpan("Greeter.greet")
    public String greet(@SpanAttribute("name") String name) {
        return "Hello, " + name + "!";
    }
}
