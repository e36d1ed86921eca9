package io.celeriac.test.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.Task;
import io.celeriac.registry.TaskRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/** A class with @Task methods and no scope annotation becomes a bean; the default name is Class.method. */
class ScopeIsAddedTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Unscoped.class));

    public static class Unscoped {
        @Task
        public int twice(int x) {
            return 2 * x;
        }
    }

    @Inject
    TaskRegistry registry;

    @Test
    void taskIsRegisteredUnderItsDefaultName() {
        assertNotNull(registry.find("io.celeriac.test.validation.ScopeIsAddedTest$Unscoped.twice"),
                registry.all().toString());
        assertEquals(1, Arc.container().select(Unscoped.class).stream().count());
    }
}
