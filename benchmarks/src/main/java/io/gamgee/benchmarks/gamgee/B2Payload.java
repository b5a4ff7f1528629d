package io.gamgee.benchmarks.gamgee;

/** Branch b2's payload: the workflow's number. */
public record B2Payload(int n) {
}
