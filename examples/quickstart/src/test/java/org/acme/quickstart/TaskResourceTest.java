package org.acme.quickstart;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The example end to end: REST enqueues, the worker in the same app runs the task, REST reports the result. */
@QuarkusTest
class TaskResourceTest {

    private static String enqueue(String path) {
        List<String> ids = given().when().post(path).then().statusCode(202).extract().jsonPath().getList("ids");
        return ids.get(0);
    }

    @Test
    void addRunsAndItsResultIsReported() {
        String id = enqueue("/tasks/add?a=2&b=3");
        given().when().get("/tasks/{id}/wait?seconds=20", id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("state", equalTo("SUCCESS"))
                .body("result", equalTo(5));
    }

    @Test
    void wordCountReturnsARecord() {
        List<String> ids = given().contentType(ContentType.TEXT).body("The cat and the hat").when()
                .post("/tasks/word-count").then().statusCode(202).extract().jsonPath().getList("ids");
        given().when().get("/tasks/{id}/wait?seconds=20", ids.get(0)).then().statusCode(200)
                .body("state", equalTo("SUCCESS"))
                .body("result.words", equalTo(5))
                .body("result.frequencies.the", equalTo(2));
    }

    @Test
    void failureIsReportedWithItsError() {
        String id = enqueue("/tasks/fail?reason=broken");
        given().when().get("/tasks/{id}/wait?seconds=20", id).then().statusCode(200)
                .body("state", equalTo("FAILURE"))
                .body("error", containsString("IllegalStateException"))
                .body("error", containsString("broken"));
    }

    @Test
    void severalSlowTasksAllComplete() {
        List<String> ids = given().when().post("/tasks/slow?count=5&millis=100").then().statusCode(202)
                .extract().jsonPath().getList("ids");
        assertThat(ids, hasSize(5));
        for (String id : ids) {
            given().when().get("/tasks/{id}/wait?seconds=20", id).then().body("state", equalTo("SUCCESS"));
        }
    }

    @Test
    void revokedTaskNeverRuns() {
        String id = enqueue("/tasks/slow?count=1&millis=10&countdown=1500");
        given().when().post("/tasks/{id}/revoke", id).then().statusCode(202);
        given().when().get("/tasks/{id}/wait?seconds=20", id).then().statusCode(200)
                .body("state", equalTo("REVOKED"));
    }

    @Test
    void unknownIdIsPending() {
        given().when().get("/tasks/{id}", "no-such-task").then().statusCode(200).body("state", equalTo("PENDING"));
    }
}
