package io.gamgee.benchmarks.gamgee;

/** What an instance keeps while it waits at {@code w}: its number. */
public record WPayload(int n) {
}
