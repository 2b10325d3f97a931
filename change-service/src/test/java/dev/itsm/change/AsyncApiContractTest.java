package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.as;
import static dev.itsm.change.Api.command;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.rita;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Real emitted events validate against asyncapi.yaml (payload schemas and CloudEvents headers), for every event type. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class AsyncApiContractTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static String keyField(String ceType) {
        return ceType.endsWith("ModelChanged") ? "modelId" : ceType.endsWith("WindowChanged") ? "windowId" : "changeId";
    }

    @Test
    void everyEmittedEventMatchesItsDocumentedSchema() throws Exception {
        AsyncApiValidator asyncApi = AsyncApiValidator.load();
        JsonNode doc = asyncApi.document();
        assertEquals("3.0.0", doc.path("asyncapi").asText());
        assertEquals("itsm.change.events", doc.path("channels").path("changeEvents").path("address").asText());

        // one change through every event type, plus a rejected and a canceled one
        UUID service = Api.service("contract");
        String full = Api.create(Api.normal("Contract: full", freshSlot(), Duration.ofHours(1), List.of(service), List.of())).getString("id");
        rita().contentType("application/merge-patch+json").body(Map.of("title", "Contract: full, edited")).patch(CHANGES + "/" + full)
                .then().statusCode(200);
        UUID incident = UUID.randomUUID();
        rita().body(Map.of("incidentId", incident, "relation", "CAUSED_BY")).post(CHANGES + "/" + full + "/incidents")
                .then().statusCode(201);
        rita().delete(CHANGES + "/" + full + "/incidents/" + incident).then().statusCode(204);
        command(rita(), full, "submit", null);
        command(rita(), full, "assess", Map.of("answers", Map.of("customerFacing", true, "untestedInStaging", false,
                "noBackout", false, "firstOfItsKind", false)));
        command(as("tina", Roles.CHANGE_MANAGER), full, "approve", Map.of("comment", "ok"));
        command(as("carl", Roles.CHANGE_MANAGER), full, "approve", Map.of("comment", "ok"));
        command(as("cora", Roles.CHANGE_MANAGER), full, "approve", Map.of("comment", "ok"));
        command(rita(), full, "schedule", Map.of());
        command(rita(), full, "start", null);
        command(rita(), full, "complete", null);
        command(rita(), full, "close", Map.of("closeCode", "SUCCESSFUL_WITH_ISSUES", "notes", "minor glitch"));
        String rejected = Api.create(Api.normal("Contract: rejected", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        command(rita(), rejected, "submit", null);
        command(rita(), rejected, "assess", Map.of("answers", Api.lowRisk()));
        command(as("chris", Roles.CHANGE_MANAGER), rejected, "reject", Map.of("comment", "not now"));
        String canceled = Api.create(Api.normal("Contract: canceled", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        command(rita(), canceled, "cancel", Map.of("reason", "duplicate"));

        String model = Api.manager().body(Map.of("name", "Contract model " + UUID.randomUUID(), "implementationPlan", "do"))
                .post(CHANGES + "/models").then().statusCode(201).extract().path("id");
        String window = Api.manager().body(Map.of("name", "Contract freeze", "startsAt", "2032-01-01T00:00:00Z",
                "endsAt", "2032-01-02T00:00:00Z")).post(CHANGES + "/blackout-windows").then().statusCode(201).extract().path("id");

        Set<String> ours = Set.of(full, rejected, canceled, model, window);
        List<Received> events = TopicReader.await("itsm.change.events", 13 + 5 + 2 + 2, Duration.ofSeconds(30),
                r -> ours.contains(r.key()));
        asyncApi.assertValid(events);
        Set<String> seen = new TreeSet<>();
        for (Received r : events) {
            seen.add(r.ceType().substring("dev.itsm.change.".length()));
            assertEquals(r.key(), r.header("ce_subject"));
            assertEquals(r.key(), JSON.readTree(r.value()).path(keyField(r.ceType())).asText(), "the key is the aggregate id of the payload");
        }
        // one real payload per type, for the README and the issue note
        Map<String, JsonNode> examples = new TreeMap<>();
        for (Received r : events) {
            examples.putIfAbsent(r.ceType(), JSON.readTree(r.value()));
        }
        Files.writeString(Path.of("target", "example-events.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(examples));
        assertEquals(asyncApi.documentedTypes(), seen, "every documented event type is emitted by these flows and nothing else");
    }
}
