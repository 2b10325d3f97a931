package dev.itsm.sla.catalog;

import static dev.itsm.sla.SlaTestSupport.admin;
import static dev.itsm.sla.SlaTestSupport.target;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.events.EventConsumer;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The catalogue replica: fed by itsm.catalog.events through the one platform consumer (and so its readiness check). */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class CatalogReplicaTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventConsumer consumer;

    static Map<String, Object> service(UUID id, String name, String status, Instant occurredAt) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("serviceId", id.toString());
        s.put("key", "k-" + id.toString().substring(0, 8));
        s.put("name", name);
        s.put("type", "TECHNICAL");
        s.put("owner", "Ops");
        s.put("status", status);
        s.put("dependsOn", List.of());
        s.put("occurredAt", occurredAt.toString());
        return s;
    }

    static CatalogServiceReplica replica(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> CatalogServiceReplica.<CatalogServiceReplica>findById(id));
    }

    @Test
    void serviceEventsKeepTheReplicaAndAnOlderEventDoesNotRollItBack() {
        UUID id = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-27T09:00:00Z");
        CloudEventPublisher.publish("catalog", "ServiceCreated", id.toString(), service(id, "Payroll", "PIPELINE", t0));
        CloudEventPublisher.publish("catalog", "ServiceStatusChanged", id.toString(),
                withPrevious(service(id, "Payroll", "LIVE", t0.plusSeconds(60)), "PIPELINE"));
        // a late copy of an older update must not win over the newer status
        CloudEventPublisher.publish("catalog", "ServiceUpdated", id.toString(), service(id, "Payroll (old name)", "PIPELINE", t0.plusSeconds(30)));
        CloudEventPublisher.publish("catalog", "ServiceUpdated", id.toString(), service(id, "Payroll portal", "LIVE", t0.plusSeconds(90)));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            CatalogServiceReplica s = replica(id);
            return s != null && "Payroll portal".equals(s.name());
        });
        assertEquals("LIVE", replica(id).status());
        // a catalogue event that is not about a service is not ours to keep
        UUID ci = UUID.randomUUID();
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", ci.toString(), Map.of("ciId", ci.toString(), "name", "db-01",
                "occurredAt", t0.toString()));
        UUID after = UUID.randomUUID();
        CloudEventPublisher.publish("catalog", "ServiceCreated", after.toString(), service(after, "After", "LIVE", t0));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> replica(after) != null);
        assertEquals(null, replica(ci));
        // the agreement check sees the replica
        admin().body(Map.of("name", "Replica " + id, "type", "OLA", "scope", Map.of("allServices", false, "serviceIds", List.of(id.toString())),
                "targets", List.of(target("TIME_TO_RESOLVE", "P1", "PT1H")))).post("/api/v1/sla/agreements").then().statusCode(201);
    }

    @Test
    void theReplicaIsFedByThePlatformConsumerWhoseReadinessCheckCoversIt() {
        assertTrue(consumer.topics().containsAll(List.of("itsm.incident.events", "itsm.catalog.events")), consumer.topics().toString());
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("event-consumer"))
                .body("checks.find { it.name == 'event-consumer' }.status", equalTo("UP"));
    }

    static Map<String, Object> withPrevious(Map<String, Object> service, String previousStatus) {
        Map<String, Object> copy = new LinkedHashMap<>(service);
        copy.put("previousStatus", previousStatus);
        return copy;
    }
}
