package io.gamgee.core.store;

/**
 * A store call failed. {@link #isRetryable()} tells workers whether backing off and calling again
 * can succeed (a lost connection, a deadlock) or not (a schema that does not match).
 */
public class StoreException extends RuntimeException {

    private final boolean retryable;

    /** A failed store call, retryable or not (see {@link #isRetryable()}). */
    public StoreException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether calling again later may succeed. */
    public boolean isRetryable() {
        return retryable;
    }
}
