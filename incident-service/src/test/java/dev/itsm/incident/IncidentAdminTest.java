package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.CATALOG_TOPIC;
import static dev.itsm.incident.Fixtures.DATABASE;
import static dev.itsm.incident.Fixtures.count;
import static dev.itsm.incident.Fixtures.serviceFacts;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestInfrastructure;
import dev.itsm.testing.TestTokens;
import dev.itsm.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The platform's operator API under /api/v1/incidents/admin: parked outbox events, dead letters of the consumed topics, replay. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class IncidentAdminTest {

    static final String ADMIN = "/api/v1/incidents/admin";

    static String admin() {
        return TestTokens.bearer("olga", Roles.ADMIN);
    }

    static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database(DATABASE), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void nothingIsParked() {
        given().header("Authorization", admin()).get(ADMIN + "/outbox/parked").then().statusCode(200).body("$", empty());
    }

    @Test
    void aCatalogEventTheReplicaRefusedIsDeadLetteredAndReplayedOnceTheCauseIsGone() throws Exception {
        UUID id = UUID.randomUUID();
        String name = "Refused " + id;
        // a defect of this service's own (here a constraint) makes the handler fail: the event is dead-lettered
        execute("alter table catalog_service add constraint admin_test_refuses check (name not like 'Refused %') not valid");
        String ceId;
        try {
            ceId = CloudEventPublisher.publish("catalog", "ServiceCreated", id.toString(), serviceFacts(id, name, "LIVE", Instant.now()));
            TopicReader.await(CATALOG_TOPIC + ".dlq", 1, Duration.ofSeconds(30), r -> ceId.equals(r.ceId()));
        } finally {
            execute("alter table catalog_service drop constraint admin_test_refuses"); // the fix is deployed
        }
        assertEquals(0, count("select count(*) from catalog_service where service_id = ?", id));

        List<Map<String, Object>> letters = given().header("Authorization", admin())
                .get(ADMIN + "/dead-letters?topic=" + CATALOG_TOPIC + "&limit=1000").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("").stream().filter(l -> ceId.equals(l.get("ceId"))).toList();
        assertEquals(1, letters.size());
        assertEquals("dev.itsm.catalog.ServiceCreated", letters.get(0).get("ceType"));
        assertEquals(CATALOG_TOPIC, letters.get(0).get("originalTopic"));

        Map<String, Object> result = given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("topic", CATALOG_TOPIC, "ceIds", List.of(ceId)))
                .post(ADMIN + "/dead-letters/replay").then().statusCode(200).extract().jsonPath().getMap("");
        assertEquals(1, result.get("replayed"));
        assertEquals(List.of(), result.get("failed"));
        // handled by this service's own handler during the request, nothing re-published to the catalogue's topic
        assertEquals(1, count("select count(*) from catalog_service where service_id = ? and status = 'LIVE'", id));
        assertEquals(1, TopicReader.await(CATALOG_TOPIC, 2, Duration.ofSeconds(3), r -> ceId.equals(r.ceId())).size());

        Map<String, Object> again = given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("topic", CATALOG_TOPIC, "ceIds", List.of(ceId)))
                .post(ADMIN + "/dead-letters/replay").then().statusCode(200).extract().jsonPath().getMap("");
        assertEquals(0, again.get("replayed"));
        assertEquals(1, again.get("alreadyProcessed"));
    }

    @Test
    void theSlaTopicsDeadLettersAreListedToo() {
        given().header("Authorization", admin()).get(ADMIN + "/dead-letters?topic=itsm.sla.events").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("alice", Roles.AGENT)).get(ADMIN + "/dead-letters")
                .then().statusCode(403);
    }
}
