package org.acme.quickstart;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same REST tests against the packaged application (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class TaskResourceIT extends TaskResourceTest {
}
