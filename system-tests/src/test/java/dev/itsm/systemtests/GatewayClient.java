package dev.itsm.systemtests;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Set;

import dev.itsm.deploy.Stack;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests through the gateway of a given stack, with tokens signed by that stack's key. */
record GatewayClient(Stack stack) {

    RequestSpecification as(String subject, String... roles) {
        String token = stack.tokens().token(subject, Set.of(roles), Duration.ofHours(2));
        return given().baseUri(stack.url("gateway")).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON);
    }
}
