package dev.itsm.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.AuthMatrix;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The test kit's parts that need a running application: the OpenAPI-driven auth matrix and the movable clock. */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class TestKitTest {

    @Inject
    Clock clock;

    @Test
    void theOpenApiDocumentCarriesEachOperationsRolesAndTheMatrixHolds() {
        Set<String> roles = AuthMatrix.operations().stream()
                .filter(op -> op.method().equals("post") && op.path().equals("/api/v1/tickets"))
                .flatMap(op -> op.roles().stream()).collect(Collectors.toSet());
        assertEquals(Set.of(Roles.AGENT, Roles.ADMIN), roles);
        AuthMatrix.verify();
    }

    @Test
    void theMatrixSendsEachBodyAsTheContentTypeItsOperationConsumes() {
        Map<String, String> types = AuthMatrix.operations().stream().filter(op -> op.method().equals("post"))
                .collect(Collectors.toMap(op -> op.path(), op -> op.contentType()));
        assertEquals("text/plain", types.get("/api/v1/tickets/{id}/note"));
        assertEquals("application/json", types.get("/api/v1/tickets"));
        // the text/plain operation answers by role (401/403/404), not 415, in the matrix
        AuthMatrix.verify();
    }

    @Test
    void everyErrorResponseIsDocumentedAsAProblemWithAnExample() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/tickets'.post.responses.'401'.content.'application/problem+json'.example.status", equalTo(401))
                .body("paths.'/api/v1/tickets'.post.responses.'403'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("components.schemas.Problem.properties.status.type", equalTo("integer"));
    }

    @Test
    void servicesRunOnTheMovableTestClock() {
        assertSame(TestClock.INSTANCE.getClass(), clock.getClass());
        Instant before = clock.instant();
        TestClock.INSTANCE.advance(Duration.ofHours(2));
        try {
            assertTrue(Duration.between(before, clock.instant()).compareTo(Duration.ofHours(2)) >= 0);
        } finally {
            TestClock.INSTANCE.reset();
        }
        assertTrue(Duration.between(before, clock.instant()).compareTo(Duration.ofHours(1)) < 0);
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        TestClock.INSTANCE.advance(Duration.ofDays(1));
        try {
            assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
            assertTrue(Duration.between(before, paris.instant()).compareTo(Duration.ofDays(1)) >= 0, "moves with the test clock");
        } finally {
            TestClock.INSTANCE.reset();
        }
    }
}
