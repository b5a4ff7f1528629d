package io.gamgee.benchmarks.gamgee;

/** What branch b1 hands to the join. */
public record B1Result(int n) {
}
