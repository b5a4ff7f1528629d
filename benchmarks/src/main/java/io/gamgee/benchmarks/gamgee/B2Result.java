package io.gamgee.benchmarks.gamgee;

/** What branch b2 hands to the join. */
public record B2Result(int n) {
}
