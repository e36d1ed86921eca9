package io.celeriac;

/** Base of the exceptions Celeriac throws. */
public class CeleriacException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CeleriacException(String message) {
        super(message);
    }

    public CeleriacException(String message, Throwable cause) {
        super(message, cause);
    }
}
