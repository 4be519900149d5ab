package dev.vigil.gate;

/** A metric provider could not answer; the message is one sentence a person can act on (never a credential). */
public class MetricSourceException extends RuntimeException {

    public MetricSourceException(String message) {
        super(message);
    }

    public MetricSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
