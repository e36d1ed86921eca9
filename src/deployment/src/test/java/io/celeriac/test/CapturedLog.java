package io.celeriac.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * What one logger writes while a test runs, for tests of what a worker tells its operator. Open it before the
 * worker acts and close it after. (QuarkusUnitTest's own log assertion runs outside the application's class
 * loader, where the test's ids are not known.)
 */
public final class CapturedLog implements AutoCloseable {

    /** One line: its level and its message with the arguments filled in. */
    private record Line(Level level, String text) {
    }

    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(new Line(record.getLevel(),
                    record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        logger.addHandler(handler);
    }

    /** Starts capturing what the logger named {@code loggerName} writes. */
    public static CapturedLog of(String loggerName) {
        return new CapturedLog(loggerName);
    }

    /** Waits up to {@code timeout} for an error line that contains {@code text}; returns it, or {@code null}. */
    public String awaitError(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (Line line : lines) {
                if (line.level().intValue() >= Level.SEVERE.intValue() && line.text().contains(text)) {
                    return line.text();
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return null;
    }

    /** Fails unless an error line containing {@code text} is written within 5 seconds; the failure lists the lines. */
    public void assertError(String text) throws InterruptedException {
        if (awaitError(text, Duration.ofSeconds(5)) == null) {
            throw new AssertionError("the log names " + text + ": " + lines());
        }
    }

    /** Everything captured so far, for failure messages. */
    public List<String> lines() {
        return lines.stream().map(line -> line.level() + " " + line.text()).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
