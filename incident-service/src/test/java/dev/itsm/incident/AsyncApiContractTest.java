package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.agent;
import static dev.itsm.incident.Fixtures.command;
import static dev.itsm.incident.Fixtures.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

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
    void everyEmittedEventMatchesItsDocumentedSchema() throws Exception {
        JsonNode asyncapi;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            asyncapi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertEquals("3.0.0", asyncapi.path("asyncapi").asText());
        assertEquals("itsm.incident.events", asyncapi.path("channels").path("incidentEvents").path("address").asText());
        JsonNode messages = asyncapi.path("components").path("messages");

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
        List<Received> records = TopicReader.await(Fixtures.INCIDENT_TOPIC, 13, Duration.ofSeconds(30), r -> keys.contains(r.key()));
        assertEquals(13, records.size());

        List<String> failures = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Received r : records) {
            String type = r.ceType().substring(PREFIX.length());
            seen.add(type);
            JsonNode message = messages.path(type);
            if (message.isMissingNode()) {
                failures.add(type + " is not documented");
                continue;
            }
            JsonNode payload = Fixtures.JSON.readTree(r.value());
            for (ValidationMessage m : schema(asyncapi, message.path("payload")).validate(payload)) {
                failures.add(type + " payload: " + m.getMessage());
            }
            ObjectNode headers = Fixtures.JSON.createObjectNode();
            r.headers().forEach(headers::put);
            for (ValidationMessage m : schema(asyncapi, message.path("headers")).validate(headers)) {
                failures.add(type + " headers: " + m.getMessage());
            }
            Set<String> documented = declaredProperties(asyncapi, message.path("payload"));
            for (Iterator<String> f = payload.fieldNames(); f.hasNext();) {
                String field = f.next();
                if (!documented.contains(field)) {
                    failures.add(type + " payload field '" + field + "' is not documented");
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        Set<String> documentedTypes = new TreeSet<>();
        messages.fieldNames().forEachRemaining(documentedTypes::add);
        assertEquals(documentedTypes, seen, "every documented event type was emitted and checked");
        assertEquals(11, seen.size());
    }

    /** A schema for {@code node} that resolves {@code #/components/...} references against the whole document. */
    static JsonSchema schema(JsonNode asyncapi, JsonNode node) {
        ObjectNode root = ((ObjectNode) asyncapi.deepCopy());
        root.remove(List.of("asyncapi", "info", "servers", "channels", "operations", "defaultContentType"));
        root.setAll((ObjectNode) node.deepCopy());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
    }

    /** Property names a (possibly composed, referenced) schema declares. */
    static Set<String> declaredProperties(JsonNode asyncapi, JsonNode schema) {
        Set<String> names = new HashSet<>();
        if (schema.has("$ref")) {
            String[] path = schema.get("$ref").asText().substring(2).split("/");
            JsonNode target = asyncapi;
            for (String p : path) {
                target = target.path(p);
            }
            names.addAll(declaredProperties(asyncapi, target));
        }
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        for (JsonNode part : schema.path("allOf")) {
            names.addAll(declaredProperties(asyncapi, part));
        }
        return names;
    }
}
