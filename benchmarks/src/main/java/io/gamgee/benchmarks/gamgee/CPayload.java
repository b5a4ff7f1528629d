package io.gamgee.benchmarks.gamgee;

/** The payload of step {@code c}: which workflow of the run this is. */
public record CPayload(int n) {
}
