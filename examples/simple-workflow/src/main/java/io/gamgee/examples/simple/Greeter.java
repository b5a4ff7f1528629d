package io.gamgee.examples.simple;

/** Delivers a greeting somewhere; may fail, as anything remote can. */
@FunctionalInterface
public interface Greeter {

    /** Delivers {@code greeting}, or throws if it could not. */
    void deliver(String greeting) throws Exception;
}
