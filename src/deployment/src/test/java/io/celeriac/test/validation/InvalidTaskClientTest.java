package io.celeriac.test.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.TaskClient;
import io.celeriac.TaskName;
import io.quarkus.test.QuarkusUnitTest;

class InvalidTaskClientTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Remote.class, BuildErrors.class))
            .assertException(failure -> BuildErrors.assertMentions(failure,
                    "@TaskClient method must return AsyncResult<T>, Uni<T>",
                    "InvalidTaskClientTest$Remote#compute(int)"));

    @TaskClient
    public interface Remote {
        @TaskName("remote.compute")
        int compute(int x);
    }

    @Test
    void buildFails() {
    }
}
