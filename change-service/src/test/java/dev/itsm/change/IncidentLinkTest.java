package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.command;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.rita;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Incidents linked to changes: by hand, and from incident events. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class IncidentLinkTest {

    static void incident(String type, UUID incidentId, String state, UUID serviceId, String extra) {
        CloudEventPublisher.publish("incident", type, incidentId.toString(), """
                {"incidentId":"%s","number":"INC0000777","title":"Checkout fails","serviceId":"%s","ciId":null,
                 "category":"software","impact":"HIGH","urgency":"HIGH","priority":"P1","state":"%s","assignmentGroup":"web",
                 "assignee":null,"majorIncident":false,"parentIncidentId":null,"openedAt":"%s","occurredAt":"%s"%s}"""
                .formatted(incidentId, serviceId, state, Instant.now(), Instant.now(), extra));
    }

    @Test
    void anIncidentOpenedOnAServiceUnderChangeIsLinkedAndTheReviewShowsItsCurrentState() {
        UUID service = UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofMinutes(5));
        String id = Api.create(Api.ofType("EMERGENCY", "Hotfix checkout", start, Duration.ofHours(1), List.of(service), List.of()))
                .getString("id");
        command(rita(), id, "submit", null);
        command(Api.as("erin", dev.itsm.platform.security.Roles.CHANGE_MANAGER), id, "approve", Map.of());
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

    @Test
    void incidentsAreLinkedAndUnlinkedByHand() {
        String id = Api.create(Api.normal("Linked by hand", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        UUID incident = UUID.randomUUID();
        JsonPath linked = rita().body(Map.of("incidentId", incident, "relation", "RESOLVED_BY")).post(CHANGES + "/" + id + "/incidents")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("rita", linked.getString("linkedIncidents[0].linkedBy"));
        assertEquals("MANUAL", linked.getString("linkedIncidents[0].source"));
        rita().body(Map.of("incidentId", incident, "relation", "SOMETIMES")).post(CHANGES + "/" + id + "/incidents")
                .then().statusCode(400).contentType(PROBLEM);
        rita().delete(CHANGES + "/" + id + "/incidents/" + incident).then().statusCode(204);
        rita().delete(CHANGES + "/" + id + "/incidents/" + incident).then().statusCode(404).contentType(PROBLEM);
    }
}
