package io.gamgee.benchmarks.gamgee;

/** The step after the join: the workflow's number, as every branch returned it. */
public record DonePayload(int n) {
}
