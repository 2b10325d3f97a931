package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.command;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.rita;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Incidents linked to changes: by hand, and from incident events. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class IncidentLinkTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static void incident(String type, UUID incidentId, String state, UUID serviceId, String extra) {
        CloudEventPublisher.publish("incident", type, incidentId.toString(), """
                {"incidentId":"%s","number":"INC0000777","title":"Checkout fails","serviceId":"%s","ciId":null,
                 "category":"software","impact":"HIGH","urgency":"HIGH","priority":"P1","state":"%s","assignmentGroup":"web",
                 "assignee":null,"majorIncident":false,"parentIncidentId":null,"openedAt":"%s","occurredAt":"%s"%s}"""
                .formatted(incidentId, serviceId, state, Instant.now(), Instant.now(), extra));
    }

    @Test
    void anIncidentOpenedOnAServiceUnderChangeIsLinkedAndTheReviewShowsItsCurrentState() {
        UUID service = Api.service("checkout");
        Instant start = Instant.now().minus(Duration.ofMinutes(5));
        String id = Api.create(Api.ofType("EMERGENCY", "Hotfix checkout", start, Duration.ofHours(1), List.of(service), List.of()))
                .getString("id");
        command(rita(), id, "submit", null);
        command(Api.as("erin", Roles.CHANGE_MANAGER), id, "approve", Map.of());
        command(rita(), id, "schedule", Map.of());
        command(rita(), id, "start", null);

        UUID incident = UUID.randomUUID();
        incident("IncidentOpened", incident, "NEW", service, "");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rita().get(CHANGES + "/" + id + "/incidents")
                .then().statusCode(200).body("", hasSize(1)).body("[0].relation", equalTo("CAUSED_BY"))
                .body("[0].source", equalTo("EVENT")).body("[0].number", equalTo("INC0000777")));

        command(rita(), id, "complete", null);
        incident("IncidentResolved", incident, "RESOLVED", service, ",\"resolutionCode\":\"FIXED\"");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rita().get(CHANGES + "/" + id)
                .then().body("state", equalTo("REVIEW")).body("linkedIncidents[0].state", equalTo("RESOLVED")));
        // an incident on an unrelated service is not linked
        incident("IncidentOpened", UUID.randomUUID(), "NEW", UUID.randomUUID(), "");
        UUID other = UUID.randomUUID();
        incident("IncidentOpened", other, "NEW", UUID.randomUUID(), ",\"resolvedByChangeId\":\"" + id + "\"");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rita().get(CHANGES + "/" + id + "/incidents")
                .then().body("", hasSize(2)).body("find { it.incidentId == '" + other + "' }.relation", equalTo("RESOLVED_BY")));
    }

    /** IncidentUpdated as incident-service publishes it when the incident's linkedChangeIds changed. */
    static void linkedChangesUpdated(UUID incidentId, List<String> linkedChangeIds) {
        String ids = linkedChangeIds.stream().map(i -> '"' + i + '"').collect(Collectors.joining(","));
        incident("IncidentUpdated", incidentId, "IN_PROGRESS", UUID.randomUUID(),
                ",\"linkedChangeIds\":[" + ids + "],\"changedFields\":[\"linkedChangeIds\"]");
    }

    static List<Received> linkEvents(String changeId, int count) {
        List<Received> events = TopicReader.await("itsm.change.events", count, Duration.ofSeconds(30), r -> changeId.equals(r.key()));
        AsyncApiValidator.load().assertValid(events);
        return events;
    }

    static List<String> types(List<Received> events) {
        return events.stream().map(r -> r.ceType().substring("dev.itsm.change.".length())).toList();
    }

    @Test
    void incidentsAreLinkedAndUnlinkedByHandAndEachLinkIsAnnounced() throws Exception {
        String id = Api.create(Api.normal("Linked by hand", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        UUID incident = UUID.randomUUID();
        String location = rita().body(Map.of("incidentId", incident, "relation", "RESOLVED_BY")).post(CHANGES + "/" + id + "/incidents")
                .then().statusCode(201).contentType("application/json")
                .header("Location", endsWith("/api/v1/changes/" + id + "/incidents/" + incident))
                .body("incidentId", equalTo(incident.toString())).body("relation", equalTo("RESOLVED_BY"))
                .body("linkedBy", equalTo("rita")).body("source", equalTo("MANUAL")).extract().header("Location");
        // linking again is idempotent: the existing link, 200
        rita().body(Map.of("incidentId", incident, "relation", "RESOLVED_BY")).post(CHANGES + "/" + id + "/incidents")
                .then().statusCode(200).body("incidentId", equalTo(incident.toString())).body("linkedBy", equalTo("rita"));
        rita().get(location).then().statusCode(200).body("incidentId", equalTo(incident.toString()))
                .body("relation", equalTo("RESOLVED_BY"));
        rita().get(CHANGES + "/" + id).then().body("linkedIncidents", hasSize(1));
        rita().body(Map.of("incidentId", incident, "relation", "SOMETIMES")).post(CHANGES + "/" + id + "/incidents")
                .then().statusCode(400).contentType(PROBLEM);
        rita().delete(CHANGES + "/" + id + "/incidents/" + incident).then().statusCode(204);
        rita().delete(CHANGES + "/" + id + "/incidents/" + incident).then().statusCode(404).contentType(PROBLEM);
        rita().get(location).then().statusCode(404).contentType(PROBLEM);

        List<Received> events = linkEvents(id, 3);
        assertEquals(List.of("ChangeRequested", "ChangeIncidentLinked", "ChangeIncidentUnlinked"), types(events));
        JsonNode linked = JSON.readTree(events.get(1).value());
        assertEquals(id, linked.path("changeId").asText());
        assertEquals(incident.toString(), linked.path("incidentId").asText());
        assertTrue(linked.path("changeNumber").asText().matches("CHG\\d{7}"));
        assertTrue(linked.hasNonNull("linkedAt"));
        JsonNode unlinked = JSON.readTree(events.get(2).value());
        assertEquals(incident.toString(), unlinked.path("incidentId").asText());
        assertTrue(unlinked.hasNonNull("unlinkedAt"));
        assertEquals(id, events.get(2).header("ce_subject"));
    }

    @Test
    void linksMadeOnTheIncidentAreAppliedAndAnnouncedOnlyWhenTheyChangeSomething() {
        String id = Api.create(Api.normal("Linked from the incident", freshSlot(), Duration.ofHours(1), List.of(), List.of()))
                .getString("id");
        UUID incident = UUID.randomUUID();
        // ids that are not UUIDs or not changes of ours are ignored, not poison
        linkedChangesUpdated(incident, List.of(id, "not-a-uuid", UUID.randomUUID().toString()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rita().get(CHANGES + "/" + id + "/incidents")
                .then().statusCode(200).body("", hasSize(1)).body("[0].incidentId", equalTo(incident.toString())));
        // incident-service echoing the link back changes nothing here, so nothing is published (no ping-pong)
        linkedChangesUpdated(incident, List.of(id));
        // the incident drops the link
        linkedChangesUpdated(incident, List.of());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rita().get(CHANGES + "/" + id + "/incidents")
                .then().statusCode(200).body("", hasSize(0)));

        // a link made here is not undone by an incident event that does not touch linkedChangeIds
        rita().body(Map.of("incidentId", incident, "relation", "CAUSED_BY")).post(CHANGES + "/" + id + "/incidents")
                .then().statusCode(201);
        incident("IncidentAcknowledged", incident, "IN_PROGRESS", UUID.randomUUID(), ",\"linkedChangeIds\":[]");
        // one incident's events are handled in order: once another change shows this link, the events above were handled
        String other = Api.create(Api.normal("Linked later", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        linkedChangesUpdated(incident, List.of(id, other));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rita().get(CHANGES + "/" + other + "/incidents")
                .then().statusCode(200).body("", hasSize(1)));

        List<Received> events = linkEvents(id, 4);
        assertEquals(List.of("ChangeRequested", "ChangeIncidentLinked", "ChangeIncidentUnlinked", "ChangeIncidentLinked"),
                types(events));
        rita().get(CHANGES + "/" + id + "/incidents").then().body("", hasSize(1)).body("[0].source", equalTo("MANUAL"));
    }
}
