package io.celeriac.test.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.Task;
import io.quarkus.test.QuarkusUnitTest;

class StaticTaskMethodTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Utility.class, BuildErrors.class))
            .assertException(failure -> BuildErrors.assertMentions(failure,
                    "@Task method must not be static",
                    "[method: io.celeriac.test.validation.StaticTaskMethodTest$Utility#compute(long), bean: "
                            + "io.celeriac.test.validation.StaticTaskMethodTest$Utility]"));

    public static class Utility {
        @Task
        public static long compute(long x) {
            return x;
        }

        @Task
        public long fine(long x) {
            return x;
        }
    }

    @Test
    void buildFails() {
    }
}
