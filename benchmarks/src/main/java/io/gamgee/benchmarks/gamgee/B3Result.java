package io.gamgee.benchmarks.gamgee;

/** What branch b3 hands to the join. */
public record B3Result(int n) {
}
