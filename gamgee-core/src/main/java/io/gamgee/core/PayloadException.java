package io.gamgee.core;

/**
 * A payload could not be encoded as JSON (at submit, or for a step's next step) or decoded into its
 * step's payload type (at run time, e.g. after a field was renamed). The message names the
 * workflow type, the payload class and, at run time, the instance and step.
 */
public class PayloadException extends RuntimeException {

    /** A payload error with its message and the encoder's or decoder's error. */
    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
