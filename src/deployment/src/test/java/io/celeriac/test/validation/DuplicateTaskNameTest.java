package io.celeriac.test.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.Task;
import io.quarkus.test.QuarkusUnitTest;

class DuplicateTaskNameTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Billing.class, Mailing.class, BuildErrors.class))
            .assertException(failure -> BuildErrors.assertMentions(failure,
                    "duplicate task name 'notify'",
                    "[method: io.celeriac.test.validation.DuplicateTaskNameTest$Mailing#send(java.lang.String), bean: "
                            + "io.celeriac.test.validation.DuplicateTaskNameTest$Mailing]",
                    "also declared by io.celeriac.test.validation.DuplicateTaskNameTest$Billing#charge(int)"));

    public static class Billing {
        @Task(name = "notify")
        public void charge(int cents) {
        }
    }

    public static class Mailing {
        @Task(name = "notify")
        public void send(String to) {
        }
    }

    @Test
    void buildFails() {
        // assertException above checks the failure; reaching here would mean the build passed
    }
}
