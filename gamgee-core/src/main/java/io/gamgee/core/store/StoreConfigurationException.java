package io.gamgee.core.store;

/**
 * The store cannot work as configured: no JDBC driver for its URL, credentials or a database the
 * server refuses, or missing tables. Never retryable: calling again cannot help until the
 * configuration changes. The message says what is wrong and what to do.
 */
public class StoreConfigurationException extends StoreException {

    /** A configuration error: {@code message} says what to fix; {@code cause} is the driver's error. */
    public StoreConfigurationException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
