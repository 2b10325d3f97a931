package dev.itsm.platform.events;

/** The event can never be handled (bad payload): retrying is pointless, dead-letter it. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
