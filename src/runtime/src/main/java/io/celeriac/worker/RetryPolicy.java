package io.celeriac.worker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.celeriac.message.TaskMessage;
import io.celeriac.registry.TaskDefinition;
import io.celeriac.runtime.CeleriacConfig;

/**
 * Decides whether a failed run is retried and after how long: exponential backoff from the task's (or the default)
 * first delay, capped, with full jitter, only for exceptions the task retries on, and only while retries remain.
 */
final class RetryPolicy {

    private final CeleriacConfig.RetryConfig defaults;

    RetryPolicy(CeleriacConfig.RetryConfig defaults) {
        this.defaults = defaults;
    }

    /** How many retries {@code task} gets. */
    int maxRetries(TaskDefinition task) {
        return task.maxRetries() >= 0 ? task.maxRetries() : defaults.maxRetries();
    }

    /** The delay before the next run, or {@code null} when the failure is final. */
    Duration nextDelay(TaskDefinition task, TaskMessage message, Throwable error) {
        if (message.retries() >= maxRetries(task)) {
            return null;
        }
        if (error instanceof RetryRequest request) {
            return request.countdown() != null ? request.countdown() : backoff(task, message.retries());
        }
        return retries(task, error) ? backoff(task, message.retries()) : null;
    }

    private static boolean retries(TaskDefinition task, Throwable error) {
        for (Class<? extends Throwable> excluded : task.noRetryOn()) {
            if (excluded.isInstance(error)) {
                return false;
            }
        }
        if (task.retryOn().isEmpty()) {
            return true;
        }
        for (Class<? extends Throwable> included : task.retryOn()) {
            if (included.isInstance(error)) {
                return true;
            }
        }
        return false;
    }

    /** Full jitter: uniform between zero and {@code min(cap, first * 2^retries)}. */
    Duration backoff(TaskDefinition task, int retries) {
        long first = (task.retryBackoff() != null ? task.retryBackoff() : defaults.backoff()).toMillis();
        long cap = (task.retryBackoffMax() != null ? task.retryBackoffMax() : defaults.backoffMax()).toMillis();
        long ceiling = (long) Math.min(cap, first * Math.pow(2, retries));
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
