package io.celeriac.test.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.Task;
import io.quarkus.test.QuarkusUnitTest;

class InvalidDurationTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Vague.class, BuildErrors.class))
            .assertException(failure -> BuildErrors.assertMentions(failure,
                    "@Task timeLimit", "soon",
                    "[method: io.celeriac.test.validation.InvalidDurationTest$Vague#run(), bean: "
                            + "io.celeriac.test.validation.InvalidDurationTest$Vague]"));

    public static class Vague {
        @Task(timeLimit = "soon")
        public void run() {
        }
    }

    @Test
    void buildFails() {
    }
}
