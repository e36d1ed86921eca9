package io.celeriac.worker;

import org.jboss.logging.Logger;

/**
 * Pauses a loop after a Redis failure, growing from 100 ms to 2 s, and logs the outage once when it starts and
 * once when it ends rather than at every attempt.
 */
final class Backoff {

    private static final long FIRST_MS = 100;
    private static final long MAX_MS = 2000;
    /** While Redis stays unreachable, remind the operator this often. */
    private static final long REMINDER_MS = 30_000;

    private final Logger log;
    private final String what;
    private long delay = FIRST_MS;
    private long failingSince;
    private long lastLog;

    Backoff(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /** Records a failure and sleeps; returns {@code false} if interrupted. */
    boolean pause(Throwable failure) {
        long now = System.currentTimeMillis();
        if (failingSince == 0) {
            failingSince = now;
            lastLog = now;
            log.warnf("%s: Redis is unavailable (%s); retrying until it is back", what, failure.getMessage());
        } else if (now - lastLog >= REMINDER_MS) {
            lastLog = now;
            log.warnf("%s: Redis still unavailable after %d s (%s)", what, (now - failingSince) / 1000,
                    failure.getMessage());
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        delay = Math.min(MAX_MS, delay * 2);
        return true;
    }

    /** Records a success, logging the end of an outage. */
    void succeeded() {
        if (failingSince != 0) {
            log.infof("%s: Redis is reachable again after %d ms", what, System.currentTimeMillis() - failingSince);
            failingSince = 0;
            delay = FIRST_MS;
        }
    }
}
