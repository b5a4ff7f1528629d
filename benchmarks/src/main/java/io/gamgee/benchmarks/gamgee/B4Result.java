package io.gamgee.benchmarks.gamgee;

/** What branch b4 hands to the join. */
public record B4Result(int n) {
}
