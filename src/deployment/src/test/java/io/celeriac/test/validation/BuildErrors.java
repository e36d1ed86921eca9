package io.celeriac.test.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/** Reads the messages of a failed build, wherever ArC put them (causes and suppressed exceptions). */
final class BuildErrors {

    private BuildErrors() {
    }

    static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        collect(failure, messages, 0);
        return String.join("\n", messages);
    }

    private static void collect(Throwable t, List<String> messages, int depth) {
        if (t == null || depth > 20) {
            return;
        }
        if (t.getMessage() != null) {
            messages.add(t.getMessage());
        }
        for (Throwable suppressed : t.getSuppressed()) {
            collect(suppressed, messages, depth + 1);
        }
        collect(t.getCause(), messages, depth + 1);
    }

    /** Asserts that the build failure mentions every fragment. */
    static void assertMentions(Throwable failure, String... fragments) {
        if (failure == null) {
            fail("the build should have failed");
        }
        String messages = messages(failure);
        for (String fragment : fragments) {
            assertTrue(messages.contains(fragment), "expected '" + fragment + "' in:\n" + messages);
        }
    }
}
