package io.gamgee.benchmarks.gamgee;

/** The payload of step {@code b}: which workflow of the run this is. */
public record BPayload(int n) {
}
