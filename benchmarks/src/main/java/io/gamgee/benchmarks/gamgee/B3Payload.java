package io.gamgee.benchmarks.gamgee;

/** Branch b3's payload: the workflow's number. */
public record B3Payload(int n) {
}
