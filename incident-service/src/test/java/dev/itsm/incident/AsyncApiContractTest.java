package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.agent;
import static dev.itsm.incident.Fixtures.command;
import static dev.itsm.incident.Fixtures.open;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Produces every event type for real, reads the records back from the topic and validates headers
 * and payload against asyncapi.yaml — and checks that no payload field is left undocumented.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class AsyncApiContractTest {

    static final String PREFIX = "dev.itsm.incident.";

    @Test
    void everyEmittedEventMatchesItsDocumentedSchema() {
        AsyncApiValidator asyncapi = AsyncApiValidator.load();
        assertEquals("3.0.0", asyncapi.document().path("asyncapi").asText());
        assertEquals("itsm.incident.events",
                asyncapi.document().path("channels").path("incidentEvents").path("address").asText());

        // every event type, for real
        String a = open(Fixtures.liveService(), "MEDIUM", "MEDIUM");
        command(a, "declare-major", null).then().statusCode(200);
        command(a, "assign", Map.of("assignmentGroup", "network", "assignee", "erin")).then().statusCode(200);
        agent().body(Map.of("impact", "HIGH")).patch("/api/v1/incidents/" + a).then().statusCode(200);
        command(a, "hold", Map.of("reason", "AWAITING_CHANGE")).then().statusCode(200);
        command(a, "resume", null).then().statusCode(200);
        command(a, "resolve", Map.of("resolutionCode", "RESOLVED_BY_CHANGE", "notes", "CHG0000042 done")).then().statusCode(200);
        command(a, "reopen", Map.of("reason", "still slow")).then().statusCode(200);
        command(a, "resolve", Map.of("resolutionCode", "PERMANENT_FIX", "notes", "tuned")).then().statusCode(200);
        command(a, "close", null).then().statusCode(200);
        String b = open();
        command(b, "cancel", Map.of("reason", "duplicate of " + a)).then().statusCode(200);

        Set<String> keys = Set.of(a, b);
        List<Received> records = TopicReader.await(Fixtures.INCIDENT_TOPIC, 14, Duration.ofSeconds(30), r -> keys.contains(r.key()));
        assertEquals(14, records.size());
        asyncapi.assertValid(records);

        Set<String> seen = records.stream().map(r -> r.ceType().substring(PREFIX.length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(asyncapi.documentedTypes(), seen, "every documented event type was emitted and checked");
        assertEquals(12, seen.size());
    }
}
