package io.gamgee.benchmarks.gamgee;

/** Branch b1's payload: the workflow's number. */
public record B1Payload(int n) {
}
