package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.createCi;
import static dev.itsm.catalog.Api.createService;
import static dev.itsm.catalog.Api.offering;
import static dev.itsm.catalog.Api.relate;
import static dev.itsm.catalog.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Every kind of change reaches itsm.catalog.events as a CloudEvent whose payload matches asyncapi.yaml. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class CatalogEventsTest {

    static final String TOPIC = "itsm.catalog.events";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyChangeIsPublishedWithCloudEventsHeadersAndAPayloadMatchingTheAsyncApiDocument() throws Exception {
        String base = createService(unique("base"));
        String svc = createService(unique("svc"), base);
        admin().body(Map.of("owner", "new-owner")).patch(BASE + "/services/" + svc).then().statusCode(200);
        admin().post(BASE + "/services/" + base + "/go-live").then().statusCode(200);
        admin().post(BASE + "/services/" + svc + "/go-live").then().statusCode(200);
        String product = admin().body(Map.of("name", "Bundle", "serviceIds", List.of(svc))).post(BASE + "/products")
                .then().statusCode(201).extract().path("id");
        admin().delete(BASE + "/products/" + product).then().statusCode(204);
        Map<String, Object> offer = new java.util.HashMap<>(offering("Offer", List.of(svc)));
        offer.put("cost", Map.of("amount", 49.9, "currency", "EUR", "period", "MONTHLY"));
        offer.put("requestForm", Map.of("type", "object", "properties", Map.of("mailbox", Map.of("type", "object"))));
        String offering = admin().body(offer).post(BASE + "/offerings")
                .then().statusCode(201).extract().path("id");
        String org = admin().body(Map.of("name", unique("Finance"))).post(BASE + "/consumer-organisations")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("displayName", "Fiona", "roles", List.of("SPONSOR"))).put(BASE + "/consumer-organisations/" + org + "/people/fiona")
                .then().statusCode(201);
        String relationship = admin().body(Map.of("organisationId", org, "offeringId", offering, "sponsor", "fiona",
                "validFrom", "2026-12-01T00:00:00Z", "approvalLevels", List.of(Map.of("name", "Lead", "rule", "ANY", "approvers", List.of("lea")))))
                .post(BASE + "/service-relationships").then().statusCode(201).extract().path("id");
        admin().post(BASE + "/offerings/" + offering + "/publish").then().statusCode(200);
        admin().post(BASE + "/service-relationships/" + relationship + "/terminate").then().statusCode(200);
        admin().post(BASE + "/offerings/" + offering + "/withdraw").then().statusCode(200);
        admin().post(BASE + "/services/" + svc + "/retire").then().statusCode(200);
        String app = createCi(unique("app"), "application");
        String server = createCi(unique("srv"), "server");
        String rel = relate(app, "runs_on", "CI", server);
        relate(server, "hosts", "SERVICE", base);
        admin().body(Map.of("attributes", Map.of("ip", "10.0.0.7"))).patch(BASE + "/cis/" + server).then().statusCode(200);
        admin().delete(BASE + "/cis/" + server).then().statusCode(204);

        Set<String> keys = Set.of(base, svc, product, offering, app, server, org, relationship);
        // base 2 + svc 4 + product 2 + offering 3 + app 3 (created, runs_on added, removed with the server)
        // + server 5 (created, hosts added, edited, hosts removed, deleted) + organisation 2 (created, person added)
        // + relationship 2 (created, terminated) = 23
        List<Received> records = TopicReader.await(TOPIC, 23, Duration.ofSeconds(60), r -> keys.contains(r.key()));

        Map<String, List<String>> typesByKey = records.stream().collect(Collectors.groupingBy(Received::key,
                Collectors.mapping(r -> r.ceType().substring("dev.itsm.catalog.".length()), Collectors.toList())));
        assertEquals(List.of("ServiceCreated", "ServiceStatusChanged"), typesByKey.get(base));
        assertEquals(List.of("ServiceCreated", "ServiceUpdated", "ServiceStatusChanged", "ServiceStatusChanged"), typesByKey.get(svc));
        assertEquals(List.of("ProductChanged", "ProductChanged"), typesByKey.get(product));
        assertEquals(List.of("OfferingChanged", "OfferingPublished", "OfferingWithdrawn"), typesByKey.get(offering));
        assertEquals(List.of("ConsumerOrganisationChanged", "ConsumerOrganisationChanged"), typesByKey.get(org));
        assertEquals(List.of("ServiceRelationshipChanged", "ServiceRelationshipChanged"), typesByKey.get(relationship));
        assertEquals(List.of("ConfigurationItemChanged", "CiRelationChanged", "CiRelationChanged"), typesByKey.get(app));
        assertEquals(List.of("ConfigurationItemChanged", "CiRelationChanged", "ConfigurationItemChanged",
                "CiRelationChanged", "ConfigurationItemChanged"), typesByKey.get(server));

        // payloads carry the full facts
        JsonNode svcCreated = payload(records, svc, "ServiceCreated");
        assertEquals(svc, svcCreated.get("serviceId").asText());
        assertEquals(base, svcCreated.get("dependsOn").get(0).asText());
        assertEquals("PIPELINE", svcCreated.get("status").asText());
        assertEquals("INTERNAL", svcCreated.at("/warranty/securityClassification").asText());
        JsonNode retired = last(records, svc, "ServiceStatusChanged");
        assertEquals("RETIRED", retired.get("status").asText());
        assertEquals("LIVE", retired.get("previousStatus").asText());
        assertEquals("RETIRED", retired.get("state").asText());
        assertEquals("LIVE", retired.get("previousState").asText());
        assertEquals("new-owner", retired.get("owner").asText());
        assertTrue(last(records, product, "ProductChanged").get("deleted").asBoolean());
        JsonNode published = payload(records, offering, "OfferingPublished");
        assertEquals("PUBLISHED", published.get("status").asText());
        assertEquals("MONTHLY", published.at("/cost/period").asText());
        assertEquals("mailbox", published.at("/components/0/key").asText());
        assertEquals("object", published.at("/requestForm/properties/mailbox/type").asText());
        assertEquals("fiona", last(records, org, "ConsumerOrganisationChanged").at("/people/0/subject").asText());
        assertEquals("TERMINATED", last(records, relationship, "ServiceRelationshipChanged").get("state").asText());
        JsonNode added = payload(records, app, "CiRelationChanged");
        assertEquals(rel, added.get("relationId").asText());
        assertEquals("runs_on", added.get("relation").asText());
        assertEquals(server, added.get("targetId").asText());
        assertEquals("ADDED", added.get("change").asText());
        assertEquals("REMOVED", last(records, app, "CiRelationChanged").get("change").asText());
        JsonNode deleted = last(records, server, "ConfigurationItemChanged");
        assertTrue(deleted.get("deleted").asBoolean());
        assertEquals("10.0.0.7", deleted.at("/attributes/ip").asText());

        // CloudEvents binary headers
        Received first = records.stream().filter(r -> r.key().equals(svc)).findFirst().orElseThrow();
        assertEquals("1.0", first.header("ce_specversion"));
        assertNotNull(UUID.fromString(first.ceId()));
        assertEquals("/itsm/catalog-service", first.header("ce_source"));
        assertEquals(svc, first.header("ce_subject"));
        assertNotNull(OffsetDateTime.parse(first.header("ce_time")));
        assertEquals("application/json", first.header("content-type"));
        assertEquals(records.size(), records.stream().map(Received::ceId).distinct().count());

        // every message type of the contract was emitted here, and each record matches its schemas
        AsyncApiValidator contract = AsyncApiValidator.load();
        Set<String> emitted = records.stream().map(r -> r.ceType().substring("dev.itsm.catalog.".length()))
                .collect(Collectors.toSet());
        assertEquals(contract.documentedTypes(), emitted);
        contract.assertValid(records);
        writeExamples(records);
    }

    @Test
    void theContractRejectsPayloadsThatDrift() {
        AsyncApiValidator contract = AsyncApiValidator.load();
        String valid = """
                {"relationId":"7d3c1a52-5a4f-4f0e-9a53-0e2b9c1d2e3f","sourceId":"2c6a1f0e-1b2c-4d3e-8f90-a1b2c3d4e5f6",
                 "relation":"runs_on","targetType":"CI","targetId":"9b2f3c1e-0d4a-4e5b-8c6d-7e8f9a0b1c2d",
                 "change":"ADDED","occurredAt":"2026-11-27T09:30:00Z"}""";
        assertTrue(contract.violations(List.of(relationChanged(valid))).isEmpty(), () -> contract.violations(List.of(relationChanged(valid))).toString());
        assertFalse(contract.violations(List.of(relationChanged(valid.replace("runs_on", "owns")))).isEmpty());
        assertFalse(contract.violations(List.of(relationChanged(valid.replace("\"change\":\"ADDED\",", "")))).isEmpty());
        assertFalse(contract.violations(List.of(relationChanged(valid.replace("{", "{\"extra\":1,")))).isEmpty());
    }

    @Test
    void theContractOfTheConsumerSideRejectsPayloadsThatDrift() {
        AsyncApiValidator contract = AsyncApiValidator.load();
        String relationship = """
                {"relationshipId":"7d3c1a52-5a4f-4f0e-9a53-0e2b9c1d2e3f","organisationId":"2c6a1f0e-1b2c-4d3e-8f90-a1b2c3d4e5f6",
                 "offeringId":"9b2f3c1e-0d4a-4e5b-8c6d-7e8f9a0b1c2d","sponsor":"fiona","orderers":[],
                 "validFrom":"2026-12-01T00:00:00Z","validUntil":null,
                 "approvalLevels":[{"name":"Lead","rule":"QUORUM","quorum":2,"approvers":["lea","leo"]}],
                 "state":"ACTIVE","version":0,"occurredAt":"2026-12-01T09:30:00Z","changedFields":[]}""";
        String organisation = """
                {"organisationId":"2c6a1f0e-1b2c-4d3e-8f90-a1b2c3d4e5f6","name":"Finance","description":null,"parentId":null,
                 "state":"ACTIVE","people":[{"subject":"fiona","displayName":"Fiona","roles":["SPONSOR"]}],
                 "version":3,"occurredAt":"2026-12-01T09:30:00Z","changedFields":["people"]}""";
        assertTrue(contract.violations(List.of(event("ServiceRelationshipChanged", relationship))).isEmpty(),
                () -> contract.violations(List.of(event("ServiceRelationshipChanged", relationship))).toString());
        assertTrue(contract.violations(List.of(event("ConsumerOrganisationChanged", organisation))).isEmpty(),
                () -> contract.violations(List.of(event("ConsumerOrganisationChanged", organisation))).toString());
        assertFalse(contract.violations(List.of(event("ServiceRelationshipChanged", relationship.replace("\"quorum\":2", "\"quorum\":0")))).isEmpty());
        assertFalse(contract.violations(List.of(event("ServiceRelationshipChanged", relationship.replace("\"sponsor\":\"fiona\",", "")))).isEmpty());
        assertFalse(contract.violations(List.of(event("ServiceRelationshipChanged", relationship.replace("ACTIVE", "PAUSED")))).isEmpty());
        assertFalse(contract.violations(List.of(event("ConsumerOrganisationChanged", organisation.replace("SPONSOR", "BOSS")))).isEmpty());
        assertFalse(contract.violations(List.of(event("ConsumerOrganisationChanged", organisation.replace("\"version\":3,", "")))).isEmpty());
    }

    private static Received event(String type, String payload) {
        return new Received(TOPIC, 0, 0, "2c6a1f0e-1b2c-4d3e-8f90-a1b2c3d4e5f6", payload, Map.of(
                "ce_specversion", "1.0", "ce_id", "0f8e2c4a-6b1d-4e3f-9a2b-7c5d1e0f3a4b", "ce_type", "dev.itsm.catalog." + type,
                "ce_source", "/itsm/catalog-service", "ce_subject", "2c6a1f0e-1b2c-4d3e-8f90-a1b2c3d4e5f6",
                "ce_time", "2026-12-01T09:30:00Z", "content-type", "application/json"));
    }

    /** A record as the relay writes it, with {@code payload} as its value. */
    private static Received relationChanged(String payload) {
        return new Received(TOPIC, 0, 0, "2c6a1f0e-1b2c-4d3e-8f90-a1b2c3d4e5f6", payload, Map.of(
                "ce_specversion", "1.0", "ce_id", "0f8e2c4a-6b1d-4e3f-9a2b-7c5d1e0f3a4b", "ce_type", "dev.itsm.catalog.CiRelationChanged",
                "ce_source", "/itsm/catalog-service", "ce_subject", "2c6a1f0e-1b2c-4d3e-8f90-a1b2c3d4e5f6",
                "ce_time", "2026-11-27T09:30:00Z", "content-type", "application/json"));
    }

    /** One real payload per type in target/catalog-event-examples.json, for the README and release notes. */
    private static void writeExamples(List<Received> records) throws Exception {
        Map<String, JsonNode> examples = new TreeMap<>();
        for (Received r : records) {
            examples.put(r.ceType(), JSON.readTree(r.value()));
        }
        Files.writeString(Path.of("target", "catalog-event-examples.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(examples));
    }

    private static JsonNode payload(List<Received> records, String key, String type) throws Exception {
        Received r = records.stream().filter(x -> x.key().equals(key) && x.ceType().endsWith("." + type)).findFirst().orElseThrow();
        return JSON.readTree(r.value());
    }

    private static JsonNode last(List<Received> records, String key, String type) throws Exception {
        List<Received> matching = records.stream().filter(x -> x.key().equals(key) && x.ceType().endsWith("." + type)).toList();
        return JSON.readTree(matching.get(matching.size() - 1).value());
    }
}
