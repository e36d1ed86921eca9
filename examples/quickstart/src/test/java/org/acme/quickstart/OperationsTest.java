package org.acme.quickstart;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health, metrics, the worker registry and control, through the app's HTTP endpoints. */
@QuarkusTest
class OperationsTest {

    @Test
    void healthIsUpWithRedisAndConsumers() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Celeriac' }.data.redis", equalTo("reachable"))
                .body("checks.find { it.name == 'Celeriac' }.data.'queue default'", equalTo("consuming"));
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'Celeriac worker' }.data.'queue default'", equalTo("progressing"));
    }

    @Test
    void taskMetricsArePublishedForPrometheus() {
        List<String> ids = given().when().post("/tasks/add?a=1&b=1").then().statusCode(202).extract().jsonPath()
                .getList("ids");
        given().when().get("/tasks/{id}/wait?seconds=20", ids.get(0)).then().body("state", equalTo("SUCCESS"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("celeriac_tasks_total{event=\"succeeded\",queue=\"default\","
                        + "task=\"quickstart.add\"}"))
                .body(containsString("celeriac_task_duration_seconds_count{outcome=\"success\",queue=\"default\","
                        + "task=\"quickstart.add\"}"))
                .body(containsString("celeriac_task_queue_wait_seconds_count{queue=\"default\","
                        + "task=\"quickstart.add\"}"))
                .body(containsString("celeriac_tasks_in_flight"))
                .body(containsString("celeriac_queue_depth{queue=\"default\"}"));
    }

    @Test
    void theWorkerIsRegisteredAndAnswersPings() {
        String id = given().when().get("/ops/workers").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].queues", hasItem("default"))
                .body("[0].concurrency", equalTo(8))
                .body("[0].startedAt", notNullValue())
                .extract().path("[0].id");
        given().when().post("/ops/workers/ping").then().statusCode(200).body("", hasItem(id));
    }

    @Test
    void brokerFiguresAreReported() {
        given().when().get("/ops/broker").then().statusCode(200)
                .body("redis_version", notNullValue())
                .body("maxmemory_policy", notNullValue());
    }
}
