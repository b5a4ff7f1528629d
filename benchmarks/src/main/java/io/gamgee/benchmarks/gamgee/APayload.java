package io.gamgee.benchmarks.gamgee;

/** The payload of step {@code a}: which workflow of the run this is. */
public record APayload(int n) {
}
