package io.celeriac.test.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.Task;
import io.quarkus.test.QuarkusUnitTest;

class TaskOnNonBeanTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Contract.class, BuildErrors.class))
            .assertException(failure -> BuildErrors.assertMentions(failure,
                    "@Task method is not on a CDI bean class",
                    "[method: io.celeriac.test.validation.TaskOnNonBeanTest$Contract#perform(int), bean: none]"));

    public interface Contract {
        @Task
        void perform(int times);
    }

    @Test
    void buildFails() {
    }
}
