package io.celeriac.test.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.Task;
import io.quarkus.test.QuarkusUnitTest;

class PrivateTaskMethodTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Secretive.class, BuildErrors.class))
            .assertException(failure -> BuildErrors.assertMentions(failure,
                    "@Task method must not be private",
                    "[method: io.celeriac.test.validation.PrivateTaskMethodTest$Secretive#hidden(), bean: "
                            + "io.celeriac.test.validation.PrivateTaskMethodTest$Secretive]"));

    public static class Secretive {
        @Task
        private void hidden() {
        }
    }

    @Test
    void buildFails() {
    }
}
