package io.celeriac.test.validation;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.Task;
import io.quarkus.test.QuarkusUnitTest;

/** Every type problem of every method is reported in one failed build. */
class UnbindableTypesTest {

    private static final String BEAN = "bean: io.celeriac.test.validation.UnbindableTypesTest$Loose]";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Loose.class, BuildErrors.class))
            .assertException(failure -> BuildErrors.assertMentions(failure,
                    "parameter 'anything'", "Loose#takesObject(java.lang.Object), " + BEAN,
                    "parameter 'items'", "Loose#takesWildcard(java.util.List<?>), " + BEAN,
                    "return type", "Loose#returnsObject(), " + BEAN,
                    "Loose#returnsWildcardMap(), " + BEAN));

    public static class Loose {
        @Task
        public void takesObject(Object anything) {
        }

        @Task
        public void takesWildcard(List<?> items) {
        }

        @Task
        public Object returnsObject() {
            return null;
        }

        @Task
        public Map<String, ?> returnsWildcardMap() {
            return Map.of();
        }
    }

    @Test
    void buildFails() {
    }
}
