package dev.itsm.catalog.consumer;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.createService;
import static dev.itsm.catalog.Api.offering;
import static dev.itsm.catalog.Api.reader;
import static dev.itsm.catalog.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/** Service relationships: the terms' rules, one ACTIVE per organisation × offering, termination, ServiceRelationshipChanged. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class ServiceRelationshipResourceTest {

    static final String ORGS = BASE + "/consumer-organisations";
    static final String RELATIONSHIPS = BASE + "/service-relationships";
    static final ObjectMapper JSON = new ObjectMapper();

    /** An organisation with fiona (SPONSOR), ulla (USER) and carl (CUSTOMER). */
    static String organisation() {
        String org = admin().body(Map.of("name", unique("Finance"))).post(ORGS).then().statusCode(201).extract().path("id");
        person(org, "fiona", "SPONSOR");
        person(org, "ulla", "USER");
        person(org, "carl", "CUSTOMER");
        return org;
    }

    static void person(String org, String subject, String... roles) {
        admin().body(Map.of("displayName", "Person " + subject, "roles", List.of(roles))).put(ORGS + "/" + org + "/people/" + subject)
                .then().statusCode(201);
    }

    static String offeringId() {
        return admin().body(offering(unique("Laptop"), List.of(createService(unique("laptops"))))).post(BASE + "/offerings")
                .then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> terms(String org, String offering) {
        Map<String, Object> body = new HashMap<>();
        body.put("organisationId", org);
        body.put("offeringId", offering);
        body.put("sponsor", "fiona");
        body.put("orderers", List.of("ulla"));
        body.put("validFrom", "2026-12-01T00:00:00Z");
        body.put("validUntil", "2027-12-01T00:00:00Z");
        body.put("approvalLevels", List.of(
                Map.of("name", "Team lead", "rule", "ANY", "approvers", List.of("tom", "tina")),
                Map.of("name", "Security", "rule", "QUORUM", "quorum", 2, "approvers", List.of("sam", "sue", "sid"))));
        return body;
    }

    @Test
    void aRelationshipIsCreatedAmendedAndTerminatedAndEveryChangeIsAnnounced() throws Exception {
        String org = organisation();
        String offering = offeringId();
        String id = admin().body(terms(org, offering)).post(RELATIONSHIPS)
                .then().statusCode(201).header("ETag", "\"0\"").body("state", equalTo("ACTIVE"))
                .body("allowedCommands", contains("terminate")).body("orderers", contains("ulla"))
                .body("approvalLevels[0].quorum", nullValue()).body("approvalLevels[1].quorum", equalTo(2))
                .extract().path("id");
        admin().body(terms(org, offering)).post(RELATIONSHIPS).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/duplicate-key")).body("existingId", equalTo(id));

        admin().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(Map.of("orderers", List.of(), "approvalLevels", List.of(Map.of("name", "Board", "rule", "ALL", "approvers", List.of("bea", "ben")))))
                .patch(RELATIONSHIPS + "/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("orderers", hasSize(0))
                .body("approvalLevels.name", contains("Board"));
        admin().body(Map.of("validFrom", "2020-01-01T00:00:00Z", "offeringId", UUID.randomUUID().toString())).patch(RELATIONSHIPS + "/" + id)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("validFrom", "offeringId"));
        admin().body(Map.of("sponsor", "ulla")).patch(RELATIONSHIPS + "/" + id)
                .then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/not-a-sponsor"));

        // the sponsor of an ACTIVE relationship keeps the role while it lasts
        admin().delete(ORGS + "/" + org + "/people/fiona").then().statusCode(409).body("type", equalTo("https://itsm.dev/problems/sponsor-in-use"))
                .body("relationshipIds", contains(id));
        admin().body(Map.of("displayName", "Fiona", "roles", List.of("USER"))).put(ORGS + "/" + org + "/people/fiona").then().statusCode(409);
        admin().body(Map.of("displayName", "Fiona", "roles", List.of("USER", "SPONSOR"))).put(ORGS + "/" + org + "/people/fiona").then().statusCode(200);

        reader().queryParam("organisationId", org).queryParam("state", "ACTIVE").get(RELATIONSHIPS)
                .then().statusCode(200).body("items.id", contains(id));
        admin().post(RELATIONSHIPS + "/" + id + "/terminate").then().statusCode(200).body("state", equalTo("TERMINATED"))
                .body("allowedCommands", hasSize(0));
        admin().post(RELATIONSHIPS + "/" + id + "/terminate").then().statusCode(409)
                .body("currentState", equalTo("TERMINATED")).body("allowedCommands", hasSize(0));
        admin().body(Map.of("validUntil", "2029-01-01T00:00:00Z")).patch(RELATIONSHIPS + "/" + id).then().statusCode(409);
        reader().queryParam("offeringId", offering).queryParam("state", "ACTIVE").get(RELATIONSHIPS).then().body("items", hasSize(0));
        // a terminated relationship no longer holds the organisation × offering, nor its sponsor
        String next = admin().body(terms(org, offering)).post(RELATIONSHIPS).then().statusCode(201).extract().path("id");
        admin().post(RELATIONSHIPS + "/" + next + "/terminate").then().statusCode(200);
        admin().delete(ORGS + "/" + org + "/people/fiona").then().statusCode(204);

        List<Received> records = TopicReader.await("itsm.catalog.events", 3, Duration.ofSeconds(30), r -> r.key().equals(id));
        List<JsonNode> payloads = new ArrayList<>();
        for (Received r : records) {
            assertEquals("dev.itsm.catalog.ServiceRelationshipChanged", r.ceType());
            payloads.add(JSON.readTree(r.value()));
        }
        assertEquals(List.of(0L, 1L, 2L), payloads.stream().map(p -> p.get("version").asLong()).toList());
        assertEquals(List.of(List.of(), List.of("orderers", "approvalLevels"), List.of("state")),
                payloads.stream().map(p -> names(p.get("changedFields"))).toList());
        JsonNode created = payloads.get(0);
        assertEquals(org, created.get("organisationId").asText());
        assertEquals(offering, created.get("offeringId").asText());
        assertEquals("fiona", created.get("sponsor").asText());
        assertEquals("ulla", created.at("/orderers/0").asText());
        assertEquals(1, created.at("/approvalLevels/0/quorum").asInt(), "ANY needs one approval");
        assertEquals("2027-12-01T00:00:00Z", created.get("validUntil").asText());
        assertEquals(2, payloads.get(1).at("/approvalLevels/0/quorum").asInt(), "ALL needs every approver");
        assertEquals("TERMINATED", payloads.get(2).get("state").asText());
        AsyncApiValidator.load().assertValid(records);
    }

    @Test
    void theTermsAreChecked() {
        String org = organisation();
        String offering = offeringId();
        Map<String, Object> body = terms(org, offering);
        body.put("sponsor", "carl");
        admin().body(body).post(RELATIONSHIPS).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/not-a-sponsor"));
        body = terms(org, offering);
        body.put("orderers", List.of("ulla", "stranger"));
        admin().body(body).post(RELATIONSHIPS).then().statusCode(422)
                .body("type", equalTo("https://itsm.dev/problems/unknown-orderer")).body("orderers", contains("stranger"));
        body = terms(UUID.randomUUID().toString(), offering);
        admin().body(body).post(RELATIONSHIPS).then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/unknown-organisation"));
        body = terms(org, UUID.randomUUID().toString());
        admin().body(body).post(RELATIONSHIPS).then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/unknown-offering"));

        body = terms(org, offering);
        body.put("validUntil", "2026-12-01T00:00:00Z");
        body.put("approvalLevels", List.of(
                Map.of("name", "Q0", "rule", "QUORUM", "quorum", 0, "approvers", List.of("a", "b")),
                Map.of("name", "Q3", "rule", "QUORUM", "quorum", 3, "approvers", List.of("a", "b")),
                Map.of("name", "Qnone", "rule", "QUORUM", "approvers", List.of("a")),
                Map.of("name", "Twice", "rule", "ANY", "approvers", List.of("a", "a")),
                Map.of("name", "AnyOf2", "rule", "ANY", "quorum", 2, "approvers", List.of("a", "b"))));
        admin().body(body).post(RELATIONSHIPS).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("validUntil", "approvalLevels[0].quorum", "approvalLevels[1].quorum",
                        "approvalLevels[2].quorum", "approvalLevels[3].approvers", "approvalLevels[4].quorum"));
        body = terms(org, offering);
        body.put("approvalLevels", List.of(Map.of("name", "Nobody", "rule", "ANY", "approvers", List.of())));
        admin().body(body).post(RELATIONSHIPS).then().statusCode(400);
        body = terms(org, offering);
        body.remove("orderers");
        body.remove("validUntil");
        body.remove("approvalLevels");
        admin().body(body).post(RELATIONSHIPS).then().statusCode(201).body("orderers", hasSize(0)).body("validUntil", nullValue())
                .body("approvalLevels", hasSize(0));

        admin().post(BASE + "/offerings/" + offering + "/withdraw").then().statusCode(200);
        String other = organisation();
        admin().body(terms(other, offering)).post(RELATIONSHIPS).then().statusCode(422)
                .body("type", equalTo("https://itsm.dev/problems/offering-withdrawn"));
    }

    private static List<String> names(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
