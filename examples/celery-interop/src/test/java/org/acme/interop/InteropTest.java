package org.acme.interop;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.junit.QuarkusTest;

/** Both directions with real Python Celery, from Debian's python3-celery. */
@QuarkusTest
class InteropTest implements DevServicesContext.ContextAware {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPTS = Path.of("python").toAbsolutePath();
    static Process pythonWorker;

    /** Set when the tests run against the packaged app (@QuarkusIntegrationTest), from its dev services. */
    String redisFromIntegrationTest;

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        redisFromIntegrationTest = context.devServicesProperties().get("quarkus.redis.hosts");
    }

    String redis() {
        return redisFromIntegrationTest != null ? redisFromIntegrationTest
                : ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class);
    }

    @BeforeAll
    static void requireCelery() throws Exception {
        boolean installed = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import celery, redis").start().waitFor() == 0;
        if (!installed && "1".equals(System.getenv("CELERIAC_REQUIRE_CELERY"))) {
            throw new AssertionError("CELERIAC_REQUIRE_CELERY=1 but /usr/bin/python3 cannot import celery, redis");
        }
        assumeTrue(installed, "Python Celery is not installed (apt-get install python3-celery python3-redis)");
    }

    @AfterAll
    static void stopPythonWorker() throws Exception {
        if (pythonWorker != null) {
            pythonWorker.destroy();
            pythonWorker.waitFor(10, TimeUnit.SECONDS);
            pythonWorker.destroyForcibly();
        }
    }

    @Test
    void pythonProducerCallsJavaTasks() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "producer.py").directory(SCRIPTS.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CELERIAC_REDIS", redis());
        Process producer = builder.start();
        List<String> lines = new ArrayList<>();
        try (var out = producer.inputReader()) {
            out.lines().forEach(lines::add);
        }
        assertTrue(producer.waitFor(60, TimeUnit.SECONDS));
        String output = String.join("\n", lines);
        assertTrue(output.contains("\"result\": {\"lines\": 2, \"amount\": 5.35, \"currency\": \"EUR\"}"), output);
        assertTrue(output.contains("\"error_type\": \"IllegalArgumentException\""), output);
        assertTrue(output.contains("not an invoice number: nonsense"), output);
        assertEquals(0, producer.exitValue(), output);
    }

    @Test
    void javaProducerCallsPythonTasks() throws Exception {
        Path log = Path.of("target/python-worker.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "-m", "celery", "-A", "reports", "worker",
                "-Q", "reports", "--pool", "solo", "--without-heartbeat", "--without-gossip", "--without-mingle")
                .directory(SCRIPTS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CELERIAC_REDIS", redis());
        pythonWorker = builder.start();

        String id = given().when().post("/reports?title=quarterly&pages=12").then().statusCode(202)
                .extract().path("id");
        given().when().get("/reports/{id}", id).then().statusCode(200)
                .body("title", equalTo("QUARTERLY"))
                .body("pages", equalTo(12))
                .body("renderedBy", equalTo("python"));
    }
}
