package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.createCi;
import static dev.itsm.catalog.Api.createService;
import static dev.itsm.catalog.Api.liveService;
import static dev.itsm.catalog.Api.offering;
import static dev.itsm.catalog.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
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

/**
 * Every edit of a published fact reaches itsm.catalog.events with the full facts after the edit and
 * {@code changedFields} naming what the edit changed, so a replica can follow without calling back.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class EditEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AsyncApiValidator CONTRACT = AsyncApiValidator.load();

    @Test
    void editingAServicePublishesServiceUpdatedNamingTheChangedFields() throws Exception {
        String id = createService(unique("edit"));
        admin().body(Map.of("owner", "collaboration-team", "warranty", Map.of("availabilityTarget", 99.95)))
                .patch(BASE + "/services/" + id).then().statusCode(200);
        // the same values again (99.9 stored as 99.900): an edit that changes nothing names nothing
        String name = admin().get(BASE + "/services/" + id).then().extract().path("name");
        admin().body(Map.of("name", name, "warranty", Map.of("availabilityTarget", 99.95))).patch(BASE + "/services/" + id)
                .then().statusCode(200);

        List<Received> records = events(id, 3);
        JsonNode edited = payload(records.get(1), "ServiceUpdated");
        assertEquals(List.of("owner", "warranty"), names(edited.get("changedFields")));
        assertEquals("collaboration-team", edited.get("owner").asText());
        assertEquals(99.95, edited.at("/warranty/availabilityTarget").asDouble());
        assertEquals("24x7", edited.at("/warranty/supportHours").asText(), "the members not sent stay");
        assertEquals(name, edited.get("name").asText());
        assertEquals("PIPELINE", edited.get("state").asText());
        assertEquals("PIPELINE", edited.get("status").asText(), "the older name stays, with the same value");
        assertEquals(List.of(), names(payload(records.get(2), "ServiceUpdated").get("changedFields")));
        CONTRACT.assertValid(records);
    }

    @Test
    void editingACiPublishesConfigurationItemChangedNamingTheChangedFields() throws Exception {
        String id = createCi(unique("db"), "database");
        admin().body(Map.of("status", "MAINTENANCE", "attributes", Map.of("ip", "10.0.0.7")))
                .patch(BASE + "/cis/" + id).then().statusCode(200);
        admin().delete(BASE + "/cis/" + id).then().statusCode(204);

        List<Received> records = events(id, 3);
        assertEquals(List.of(), names(payload(records.get(0), "ConfigurationItemChanged").get("changedFields")));
        JsonNode edited = payload(records.get(1), "ConfigurationItemChanged");
        assertEquals(List.of("state", "status", "attributes"), names(edited.get("changedFields")));
        assertEquals("MAINTENANCE", edited.get("state").asText());
        assertEquals("MAINTENANCE", edited.get("status").asText());
        assertEquals("10.0.0.7", edited.at("/attributes/ip").asText());
        assertEquals("production", edited.get("environment").asText());
        JsonNode deleted = payload(records.get(2), "ConfigurationItemChanged");
        assertEquals(true, deleted.get("deleted").asBoolean());
        assertEquals(List.of(), names(deleted.get("changedFields")));
        CONTRACT.assertValid(records);
    }

    @Test
    void editingAPublishedOfferingPublishesOfferingChangedNamingTheChangedFieldsAndRepublishes() throws Exception {
        String service = liveService(unique("offered"));
        String id = admin().body(offering("E-mail", List.of(service))).post(BASE + "/offerings")
                .then().statusCode(201).extract().path("id");
        String publishedAt = admin().post(BASE + "/offerings/" + id + "/publish").then().statusCode(200)
                .extract().path("publishedAt");
        admin().body(Map.of("description", "Mail for everyone", "components",
                List.of(Map.of("key", "headset", "kind", "GOODS", "description", "Headset")))).patch(BASE + "/offerings/" + id)
                .then().statusCode(200);

        List<Received> records = events(id, 4);
        assertEquals(List.of(), names(payload(records.get(0), "OfferingChanged").get("changedFields")));
        JsonNode edited = payload(records.get(2), "OfferingChanged");
        assertEquals(List.of("description", "components"), names(edited.get("changedFields")));
        assertEquals("Mail for everyone", edited.get("description").asText());
        assertEquals("GOODS", edited.at("/components/0/kind").asText());
        assertEquals("PUBLISHED", edited.get("state").asText());
        assertEquals("PUBLISHED", edited.get("status").asText());
        JsonNode republished = payload(records.get(3), "OfferingPublished");
        assertEquals(instant(publishedAt), instant(republished.get("publishedAt").asText()));
        assertEquals("Mail for everyone", republished.get("description").asText());
        CONTRACT.assertValid(records);
    }

    @Test
    void editingAProductPublishesProductChangedNamingTheChangedFields() throws Exception {
        String first = createService(unique("part"));
        String second = createService(unique("part"));
        String id = admin().body(Map.of("name", "Bundle", "serviceIds", List.of(first))).post(BASE + "/products")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", "Bigger bundle", "serviceIds", List.of(second, first)))
                .patch(BASE + "/products/" + id).then().statusCode(200);

        List<Received> records = events(id, 2);
        JsonNode edited = payload(records.get(1), "ProductChanged");
        assertEquals(List.of("name", "serviceIds"), names(edited.get("changedFields")));
        assertEquals("Bigger bundle", edited.get("name").asText());
        assertEquals(2, edited.get("serviceIds").size());
        CONTRACT.assertValid(records);
    }

    private static List<Received> events(String key, int count) {
        return TopicReader.await(CatalogEventsTest.TOPIC, count, Duration.ofSeconds(30), r -> r.key().equals(key));
    }

    private static JsonNode payload(Received record, String type) throws Exception {
        assertEquals("dev.itsm.catalog." + type, record.ceType());
        return JSON.readTree(record.value());
    }

    private static List<String> names(JsonNode array) {
        assertEquals(true, array != null && array.isArray(), "changedFields is an array");
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static Instant instant(String text) {
        return Instant.parse(text);
    }
}
