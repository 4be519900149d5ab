package dev.vigil.store;

/** The database refused or failed a statement; the cause says why. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
