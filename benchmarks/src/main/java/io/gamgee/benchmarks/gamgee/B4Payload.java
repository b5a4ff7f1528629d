package io.gamgee.benchmarks.gamgee;

/** Branch b4's payload: the workflow's number. */
public record B4Payload(int n) {
}
