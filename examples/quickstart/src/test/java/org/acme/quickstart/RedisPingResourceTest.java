package org.acme.quickstart;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RedisPingResourceTest {

    @Test
    void redisStartedByCeleriacAnswers() {
        given().when().get("/redis/ping").then().statusCode(200).body(is("PONG"));
    }
}
