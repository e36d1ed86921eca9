package io.celeriac.redis;

import io.celeriac.CeleriacException;

/** A Redis command failed or did not answer in time (connection refused, reset, timeout, server error). */
public class RedisUnavailableException extends CeleriacException {

    private static final long serialVersionUID = 1L;

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
