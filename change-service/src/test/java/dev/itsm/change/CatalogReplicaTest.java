package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.rita;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The local replica of the catalog follows catalog events: updates, removals, redeliveries, poison records. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class CatalogReplicaTest {

    @Inject
    DataSource ds;

    String text(String sql, UUID id) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void aRemovedRelationNoLongerMakesChangesCollide() throws Exception {
        UUID db = Api.ci("db");
        UUID app = Api.ci("app");
        UUID relationId = UUID.randomUUID();
        String added = """
                {"relationId":"%s","sourceId":"%s","relation":"depends_on","targetType":"CI","targetId":"%s","change":"ADDED","occurredAt":"%s"}"""
                .formatted(relationId, app, db, Instant.now());
        CloudEventPublisher.publish("catalog", "CiRelationChanged", app.toString(), added);
        CloudEventPublisher.publish("catalog", "CiRelationChanged", app.toString(), added); // a second copy is harmless
        await().atMost(Duration.ofSeconds(30)).until(() -> "depends_on".equals(text(
                "select relation from catalog_ci_relation where relation_id = ?", relationId)));

        Instant slot = freshSlot();
        Api.scheduledNormal("On the database", slot, Duration.ofHours(1), List.of(), List.of(db));
        String onApp = Api.authorisedNormal("On the app", slot, Duration.ofHours(1), List.of(), List.of(app));
        rita().get(CHANGES + "/" + onApp + "/conflicts").then().statusCode(200).body("schedulable", equalTo(false));

        CloudEventPublisher.publish("catalog", "CiRelationChanged", app.toString(), added.replace("ADDED", "REMOVED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rita().get(CHANGES + "/" + onApp + "/conflicts")
                .then().statusCode(200).body("schedulable", equalTo(true)));
    }

    @Test
    void serviceUpdatesReplaceTheReplicaAndConfigurationItemsAreKept() throws Exception {
        UUID service = UUID.randomUUID();
        UUID dependency = UUID.randomUUID();
        Api.serviceCreated(service, "billing");
        CloudEventPublisher.publish("catalog", "ServiceStatusChanged", service.toString(), """
                {"serviceId":"%s","key":"billing","name":"Billing","type":"BUSINESS","owner":"fin","status":"RETIRED",
                 "previousStatus":"LIVE","dependsOn":["%s"],"occurredAt":"%s"}""".formatted(service, dependency, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RETIRED".equals(text("select status from catalog_service where id = ?", service)));
        assertEquals("[\"" + dependency + "\"]", text("select depends_on from catalog_service where id = ?", service));

        UUID ci = UUID.randomUUID();
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", ci.toString(), """
                {"ciId":"%s","name":"db-prod-1","ciClass":"database","environment":"prod","status":"ACTIVE",
                 "attributes":{"engine":"postgres"},"deleted":false,"occurredAt":"%s"}""".formatted(ci, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "db-prod-1".equals(text("select name from catalog_ci where id = ?", ci)));
        CloudEventPublisher.publish("catalog", "OfferingPublished", UUID.randomUUID().toString(), "{\"offeringId\":\"x\"}");
    }

    @Test
    void anUnusableCatalogEventGoesToTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();
        CloudEventPublisher.publish("catalog", "CiRelationChanged", key,
                "{\"relationId\":\"not-a-uuid\",\"sourceId\":\"x\",\"relation\":\"depends_on\",\"change\":\"ADDED\"}");
        var dead = TopicReader.await("itsm.catalog.events.dlq", 1, Duration.ofSeconds(30), r -> key.equals(r.key()));
        assertEquals(1, dead.size());
        assertEquals("dev.itsm.platform.events.PoisonEventException", dead.get(0).header("dlq_error_class"));
    }
}
