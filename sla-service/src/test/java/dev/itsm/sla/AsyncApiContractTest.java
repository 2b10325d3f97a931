package dev.itsm.sla;

import static dev.itsm.sla.SlaTestSupport.SLA_TOPIC;
import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.itsm.sla.SlaTestSupport.Incident;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Real payloads and headers read from itsm.sla.events must match src/main/resources/asyncapi.yaml. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class AsyncApiContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> ALL = Set.of("SlaTimerStarted", "SlaTimerPaused", "SlaTimerResumed", "SlaWarning", "SlaBreached",
            "SlaMet", "SlaTimerCanceled");

    static JsonNode asyncApi() throws Exception {
        try (InputStream in = AsyncApiContractTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    /** A standalone JSON Schema for {@code node}, with the document's component schemas available as $defs. */
    static JsonSchema schema(JsonNode doc, JsonNode node) throws Exception {
        ObjectNode s = JSON.createObjectNode();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.setAll((ObjectNode) node.deepCopy());
        s.set("$defs", doc.path("components").path("schemas").deepCopy());
        String text = JSON.writeValueAsString(s).replace("#/components/schemas/", "#/$defs/");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(text));
    }

    @Test
    void everyEmittedEventTypeIsDocumentedAndItsRealPayloadAndHeadersMatchTheSchema() throws Exception {
        JsonNode doc = asyncApi();
        assertEquals("3.0.0", doc.path("asyncapi").asText());
        assertEquals(SLA_TOPIC, doc.path("channels").path("slaEvents").path("address").asText());
        Set<String> documented = new TreeSet<>();
        doc.path("components").path("messages").fieldNames().forEachRemaining(documented::add);
        assertEquals(new TreeSet<>(ALL), documented);

        UUID service = UUID.randomUUID();
        agreement("Contract " + service, service, TWENTY_FOUR_SEVEN,
                List.of(target("TIME_TO_RESPOND", "P1", "PT1H"), target("TIME_TO_RESOLVE", "P1", "PT3S")), Map.of());
        Incident inc = new Incident(service, "P1", Instant.now());
        inc.publish("IncidentOpened", Instant.now());
        inc.set("state", "ON_HOLD").publish("IncidentPutOnHold", Instant.now(), "holdReason", "AWAITING_CALLER");
        inc.set("state", "IN_PROGRESS").publish("IncidentResumed", Instant.now());
        TopicReader.await(SLA_TOPIC, 1, Duration.ofSeconds(30),
                r -> inc.id.toString().equals(r.key()) && r.ceType().endsWith("SlaBreached"));
        inc.publish("IncidentAcknowledged", Instant.now());
        inc.set("state", "CANCELED").publish("IncidentCanceled", Instant.now(), "reason", "duplicate");

        List<Received> all = TopicReader.readUntil(SLA_TOPIC, Duration.ofSeconds(30), rs -> rs.stream()
                .filter(r -> inc.id.toString().equals(r.key())).map(r -> r.ceType().substring("dev.itsm.sla.".length()))
                .collect(java.util.stream.Collectors.toSet()).containsAll(ALL));
        List<Received> mine = all.stream().filter(r -> inc.id.toString().equals(r.key())).toList();
        Set<String> seen = new TreeSet<>();
        JsonSchema headers = schema(doc, doc.path("components").path("schemas").path("CloudEventHeaders"));
        for (Received r : mine) {
            String type = r.ceType().substring("dev.itsm.sla.".length());
            seen.add(type);
            JsonNode message = doc.path("components").path("messages").path(type);
            assertEquals(r.ceType(), message.path("x-ce-type").asText());
            Set<ValidationMessage> payloadErrors = schema(doc, message.path("payload")).validate(JSON.readTree(r.value()));
            assertTrue(payloadErrors.isEmpty(), type + " payload " + r.value() + " violates the schema: " + payloadErrors);
            Set<ValidationMessage> headerErrors = headers.validate(JSON.valueToTree(r.headers()));
            assertTrue(headerErrors.isEmpty(), type + " headers " + r.headers() + " violate the schema: " + headerErrors);
        }
        assertEquals(new TreeSet<>(ALL), seen);
        // one real payload per type, for the README / issue note
        ObjectNode examples = JSON.createObjectNode();
        for (Received r : mine) {
            examples.putIfAbsent(r.ceType(), JSON.readTree(r.value()));
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "sla-event-examples.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(examples));
    }
}
