package io.gamgee.benchmarks.gamgee;

/** The fork benchmark's first payload: the workflow's number. */
public record StartPayload(int n) {
}
