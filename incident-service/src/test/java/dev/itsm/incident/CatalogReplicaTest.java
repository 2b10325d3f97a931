package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.CATALOG_TOPIC;
import static dev.itsm.incident.Fixtures.agent;
import static dev.itsm.incident.Fixtures.count;
import static dev.itsm.incident.Fixtures.newIncident;
import static dev.itsm.incident.Fixtures.serviceFacts;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The local catalogue replica follows itsm.catalog.events, idempotently. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class CatalogReplicaTest {

    @Test
    void aPublishedServiceStatusChangeDecidesWhetherIncidentsCanBeOpened() {
        UUID id = UUID.randomUUID();
        Fixtures.publishService("ServiceCreated", id, "Team Chat", "LIVE");
        agent().body(newIncident(id, "LOW", "LOW")).post("/api/v1/incidents").then().statusCode(201)
                .body("serviceName", equalTo("Team Chat"));

        Map<String, Object> retired = serviceFacts(id, "Team Chat", "RETIRED", Instant.now());
        retired.put("previousStatus", "LIVE");
        CloudEventPublisher.publish("catalog", "ServiceStatusChanged", id.toString(), retired);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> agent().body(newIncident(id, "LOW", "LOW"))
                .post("/api/v1/incidents").then().statusCode(422).body("serviceStatus", equalTo("RETIRED")));

        Fixtures.publishService("ServiceUpdated", id, "Team Chat (legacy)", "LIVE");
        agent().body(newIncident(id, "LOW", "LOW")).post("/api/v1/incidents").then().statusCode(201)
                .body("serviceName", equalTo("Team Chat (legacy)"));
    }

    @Test
    void aRedeliveredCatalogEventHasNoSecondEffect() {
        UUID id = UUID.randomUUID();
        Fixtures.publishService("ServiceCreated", id, "Intranet", "LIVE");
        // X retires the service ...
        String x = UUID.randomUUID().toString();
        Instant later = Instant.now().plusSeconds(5);
        CloudEventPublisher.publish("catalog", "ServiceStatusChanged", id.toString(), x, serviceFacts(id, "Intranet", "RETIRED", later));
        Fixtures.awaitReplica(id, "RETIRED");
        // ... Y brings it back ...
        CloudEventPublisher.publish("catalog", "ServiceStatusChanged", id.toString(), serviceFacts(id, "Intranet", "LIVE", later.plusSeconds(1)));
        Fixtures.awaitReplica(id, "LIVE");
        // ... then X is delivered again (same ce_id; its payload made newer, so only the inbox can stop it),
        // followed by a marker on the same key that shows X has been consumed.
        CloudEventPublisher.publish("catalog", "ServiceStatusChanged", id.toString(), x, serviceFacts(id, "Intranet", "RETIRED", later.plusSeconds(2)));
        String marker = UUID.randomUUID().toString();
        Map<String, Object> ci = new HashMap<>(Map.of("ciId", UUID.randomUUID().toString(), "name", "marker",
                "deleted", false, "occurredAt", Instant.now().toString()));
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", id.toString(), marker, ci);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from processed_event where event_id = ?", marker) == 1);

        assertEquals(1, count("select count(*) from processed_event where event_id = ?", x));
        assertEquals(1, count("select count(*) from catalog_service where service_id = ? and status = 'LIVE'", id),
                "the redelivered RETIRED event was not applied again");
        agent().body(newIncident(id, "LOW", "LOW")).post("/api/v1/incidents").then().statusCode(201);
    }

    @Test
    void configurationItemsAreReplicatedAndADeletedOneIsRefused() {
        UUID ciId = UUID.randomUUID();
        Map<String, Object> ci = new HashMap<>(Map.of("ciId", ciId.toString(), "name", "web-01", "ciClass", "server",
                "environment", "production", "status", "OPERATIONAL", "attributes", Map.of("cpu", 8), "deleted", false,
                "occurredAt", Instant.now().toString()));
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", ciId.toString(), ci);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from catalog_ci where ci_id = ?", ciId) == 1);
        Map<String, Object> body = newIncident(Fixtures.liveService(), "MEDIUM", "HIGH");
        body.put("ciId", ciId.toString());
        agent().body(body).post("/api/v1/incidents").then().statusCode(201).body("ciId", equalTo(ciId.toString()));

        ci.put("deleted", true);
        ci.put("occurredAt", Instant.now().plusSeconds(1).toString());
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", ciId.toString(), ci);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from catalog_ci where ci_id = ? and deleted", ciId) == 1);
        agent().body(body).post("/api/v1/incidents").then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/unknown-ci"));
    }

    @Test
    void anUnusableCatalogEventIsDeadLetteredAndUnknownTypesAreIgnored() {
        String key = UUID.randomUUID().toString();
        CloudEventPublisher.publish("catalog", "ServiceCreated", key, Map.of("name", "no id", "status", "LIVE"));
        String ignored = UUID.randomUUID().toString();
        CloudEventPublisher.publish("catalog", "OfferingPublished", key, ignored, Map.of("offeringId", key));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from processed_event where event_id = ?", ignored) == 1);
        List<TopicReader.Received> dead = TopicReader.await(CATALOG_TOPIC + ".dlq", 1, Duration.ofSeconds(30), r -> key.equals(r.key()));
        assertEquals("dev.itsm.platform.events.PoisonEventException", dead.get(0).header("dlq_error_class"));
    }
}
