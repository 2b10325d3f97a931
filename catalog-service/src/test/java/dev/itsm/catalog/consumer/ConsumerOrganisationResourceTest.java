package dev.itsm.catalog.consumer;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.reader;
import static dev.itsm.catalog.Api.requester;
import static dev.itsm.catalog.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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

/** Consumer organisations: the tree, the people, the lifecycle, and ConsumerOrganisationChanged on every change. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class ConsumerOrganisationResourceTest {

    static final String ORGS = BASE + "/consumer-organisations";
    static final ObjectMapper JSON = new ObjectMapper();

    static String organisation(String name, String parentId) {
        Map<String, Object> body = parentId == null ? Map.of("name", name) : Map.of("name", name, "parentId", parentId);
        return admin().body(body).post(ORGS).then().statusCode(201).extract().path("id");
    }

    @Test
    void anOrganisationIsCreatedWithItsPeopleAndEveryChangeIsAnnounced() throws Exception {
        String name = unique("Finance");
        String id = admin().header("Idempotency-Key", "org-" + name).body(Map.of("name", name, "description", "Money"))
                .post(ORGS).then().statusCode(201).header("ETag", "\"0\"")
                .body("state", equalTo("ACTIVE")).body("people", hasSize(0)).body("allowedCommands", contains("deactivate"))
                .extract().path("id");
        admin().header("Idempotency-Key", "org-" + name).body(Map.of("name", name, "description", "Money"))
                .post(ORGS).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));

        admin().body(Map.of("displayName", "Fiona Fischer", "roles", List.of("SPONSOR", "CUSTOMER")))
                .put(ORGS + "/" + id + "/people/fiona")
                .then().statusCode(201).header("ETag", "\"1\"").body("subject", equalTo("fiona"))
                .body("roles", contains("CUSTOMER", "SPONSOR"));
        admin().header("If-Match", "\"1\"").body(Map.of("displayName", "Fiona F.", "roles", List.of("SPONSOR")))
                .put(ORGS + "/" + id + "/people/fiona").then().statusCode(200).header("ETag", "\"2\"");
        admin().body(Map.of("displayName", "Ulla", "roles", List.of("USER"))).put(ORGS + "/" + id + "/people/ulla").then().statusCode(201);
        admin().body(Map.of("displayName", "Nobody", "roles", List.of())).put(ORGS + "/" + id + "/people/nobody")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("roles"));
        admin().header("If-Match", "\"1\"").body(Map.of("displayName", "Ulla", "roles", List.of("USER")))
                .put(ORGS + "/" + id + "/people/ulla").then().statusCode(412);

        reader().get(ORGS + "/" + id).then().statusCode(200).header("ETag", "\"3\"")
                .body("people.subject", contains("fiona", "ulla")).body("people[0].displayName", equalTo("Fiona F."));
        reader().get(ORGS + "/" + id + "/people").then().statusCode(200).body("items.subject", contains("fiona", "ulla"))
                .body("total", equalTo(2));
        admin().delete(ORGS + "/" + id + "/people/ulla").then().statusCode(204);
        admin().delete(ORGS + "/" + id + "/people/ulla").then().statusCode(404).contentType(PROBLEM);

        admin().contentType("application/merge-patch+json").body(Map.of("description", "Accounting")).patch(ORGS + "/" + id)
                .then().statusCode(200).body("description", equalTo("Accounting"));
        admin().body(Map.of("state", "INACTIVE")).patch(ORGS + "/" + id).then().statusCode(400).body("errors[0].field", equalTo("state"));
        admin().post(ORGS + "/" + id + "/deactivate").then().statusCode(200).body("state", equalTo("INACTIVE"))
                .body("allowedCommands", contains("activate"));
        admin().post(ORGS + "/" + id + "/deactivate").then().statusCode(409).contentType(PROBLEM)
                .body("currentState", equalTo("INACTIVE")).body("allowedCommands", contains("activate"));
        admin().post(ORGS + "/" + id + "/activate").then().statusCode(200).body("state", equalTo("ACTIVE"));

        reader().queryParam("q", name).queryParam("state", "ACTIVE").get(ORGS).then().statusCode(200).body("items.id", contains(id));
        requester().get(ORGS + "/" + id).then().statusCode(403);
        reader().get(ORGS + "/" + java.util.UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);

        // created, fiona added, fiona replaced, ulla added, ulla removed, edited, deactivated, activated
        List<Received> records = TopicReader.await("itsm.catalog.events", 8, Duration.ofSeconds(30), r -> r.key().equals(id));
        List<JsonNode> payloads = new java.util.ArrayList<>();
        for (Received r : records) {
            assertEquals("dev.itsm.catalog.ConsumerOrganisationChanged", r.ceType());
            payloads.add(JSON.readTree(r.value()));
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), payloads.stream().map(p -> p.get("version").asLong()).toList(),
                "each event carries the version its change made (the ETag)");
        assertEquals(List.of(List.of(), List.of("people"), List.of("people"), List.of("people"), List.of("people"), List.of("description"),
                List.of("state"), List.of("state")), payloads.stream().map(p -> names(p.get("changedFields"))).toList());
        JsonNode withUlla = payloads.get(3);
        assertEquals("fiona", withUlla.at("/people/0/subject").asText());
        assertEquals("SPONSOR", withUlla.at("/people/0/roles/0").asText());
        assertEquals("ulla", withUlla.at("/people/1/subject").asText());
        assertEquals("INACTIVE", payloads.get(6).get("state").asText());
        assertEquals(id, payloads.get(0).get("organisationId").asText());
        AsyncApiValidator.load().assertValid(records);
    }

    @Test
    void organisationsNestWithoutCycles() {
        String group = organisation(unique("Group"), null);
        String finance = organisation(unique("Finance"), group);
        String controlling = organisation(unique("Controlling"), finance);

        reader().queryParam("parentId", group).get(ORGS).then().statusCode(200).body("items.id", contains(finance));
        admin().body(Map.of("parentId", controlling)).patch(ORGS + "/" + group)
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo("https://itsm.dev/problems/organisation-cycle"));
        admin().body(Map.of("parentId", group)).patch(ORGS + "/" + group)
                .then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/organisation-cycle"));
        admin().body(Map.of("name", "x", "parentId", java.util.UUID.randomUUID().toString())).post(ORGS)
                .then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/unknown-organisation"));
        // moving a subtree elsewhere is fine, and null makes it top-level
        admin().body(Map.of("parentId", group)).patch(ORGS + "/" + controlling).then().statusCode(200).body("parentId", equalTo(group));
        admin().contentType("application/merge-patch+json").body("{\"parentId\":null}").patch(ORGS + "/" + finance)
                .then().statusCode(200).body("parentId", nullValue());
        reader().queryParam("parentId", group).queryParam("sort", "name").get(ORGS).then().body("items.id", contains(controlling));
    }

    private static List<String> names(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
