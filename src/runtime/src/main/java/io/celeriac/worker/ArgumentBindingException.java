package io.celeriac.worker;

/**
 * The arguments of a message do not fit the task method: wrong count, unknown keyword, or a value that cannot be
 * read as the parameter's declared type. Such a message is dead-lettered, as retrying cannot fix it.
 */
public class ArgumentBindingException extends Exception {

    private static final long serialVersionUID = 1L;

    public ArgumentBindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
