package io.gamgee.core.store;

/** The store cannot be reached (connection refused or lost); workers back off and try again. */
public class StoreUnavailableException extends StoreException {

    /** An outage: {@code message} names the store; {@code cause} is the driver's error. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
