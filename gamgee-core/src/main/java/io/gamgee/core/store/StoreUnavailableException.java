package io.gamgee.core.store;

/** The store cannot be reached (connection refused or lost); workers back off and try again. */
public class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
