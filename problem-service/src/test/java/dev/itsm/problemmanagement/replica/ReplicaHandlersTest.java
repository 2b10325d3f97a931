package dev.itsm.problemmanagement.replica;

import static dev.itsm.problemmanagement.replica.ReplicaEvents.PATIENCE;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.awaitProcessed;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.changeFacts;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.ciFacts;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.count;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.incidentFacts;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.now;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.relationFacts;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The incident, change and catalogue replicas follow their topics: upserts, stale events ignored, redelivery skipped. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class ReplicaHandlersTest {

    @Test
    void incidentEventsUpsertTheReplicaAndAnOlderOneIsIgnored() {
        UUID id = UUID.randomUUID();
        UUID service = UUID.randomUUID();
        UUID ci = UUID.randomUUID();
        Instant opened = now();
        CloudEventPublisher.publish("incident", "IncidentOpened", id.toString(),
                incidentFacts(id, "INC0004711", "NEW", service, ci, opened, opened));
        await().atMost(PATIENCE).until(() -> "NEW".equals(text("select state from incident_replica where incident_id = ?", id)));
        assertEquals(ci.toString(), text("select ci_id from incident_replica where incident_id = ?", id));
        assertEquals("INC0004711", text("select number from incident_replica where incident_id = ?", id));

        Map<String, Object> resolved = incidentFacts(id, "INC0004711", "RESOLVED", service, null, opened, opened.plusSeconds(60));
        CloudEventPublisher.publish("incident", "IncidentResolved", id.toString(), resolved);
        await().atMost(PATIENCE).until(() -> "RESOLVED".equals(text("select state from incident_replica where incident_id = ?", id)));
        assertEquals(null, text("select ci_id from incident_replica where incident_id = ?", id), "the CI was removed from the incident");

        // an older copy (a replay, a lagging partition) cannot roll the replica back
        String stale = CloudEventPublisher.publish("incident", "IncidentAcknowledged", id.toString(),
                incidentFacts(id, "INC0004711", "IN_PROGRESS", service, ci, opened, opened.plusSeconds(30)));
        awaitProcessed(stale);
        assertEquals("RESOLVED", text("select state from incident_replica where incident_id = ?", id));
        assertEquals(opened.plusSeconds(60), ((java.sql.Timestamp) ReplicaEvents.value(
                "select occurred_at from incident_replica where incident_id = ?", id)).toInstant());
    }

    @Test
    void aRedeliveredIncidentEventHasNoSecondEffect() {
        UUID id = UUID.randomUUID();
        Instant opened = now();
        String x = UUID.randomUUID().toString();
        CloudEventPublisher.publish("incident", "IncidentOpened", id.toString(), x,
                incidentFacts(id, "INC0004712", "NEW", UUID.randomUUID(), null, opened, opened));
        awaitProcessed(x);
        CloudEventPublisher.publish("incident", "IncidentAcknowledged", id.toString(),
                incidentFacts(id, "INC0004712", "IN_PROGRESS", UUID.randomUUID(), null, opened, opened.plusSeconds(1)));
        await().atMost(PATIENCE).until(() -> "IN_PROGRESS".equals(text("select state from incident_replica where incident_id = ?", id)));
        // X again, its payload made newer so only the inbox can stop it; then a marker on the same key
        CloudEventPublisher.publish("incident", "IncidentOpened", id.toString(), x,
                incidentFacts(id, "INC0004712", "NEW", UUID.randomUUID(), null, opened, opened.plusSeconds(2)));
        String marker = CloudEventPublisher.publish("incident", "IncidentCommented", id.toString(), Map.of("incidentId", id.toString()));
        awaitProcessed(marker);
        assertEquals(1, count("select count(*) from processed_event where event_id = ?", x));
        assertEquals("IN_PROGRESS", text("select state from incident_replica where incident_id = ?", id));
    }

    @Test
    void changeEventsUpsertTheReplicaAndImplementedStaysSet() {
        UUID id = UUID.randomUUID();
        Instant t = now();
        CloudEventPublisher.publish("change", "ChangeRequested", id.toString(), changeFacts(id, "CHG0002001", "NEW", t));
        await().atMost(PATIENCE).until(() -> "NEW".equals(text("select state from change_replica where change_id = ?", id)));
        assertEquals("false", text("select implemented from change_replica where change_id = ?", id));

        CloudEventPublisher.publish("change", "ChangeImplemented", id.toString(), changeFacts(id, "CHG0002001", "REVIEW", t.plusSeconds(10)));
        await().atMost(PATIENCE).until(() -> "REVIEW".equals(text("select state from change_replica where change_id = ?", id)));
        assertEquals("true", text("select implemented from change_replica where change_id = ?", id));

        CloudEventPublisher.publish("change", "ChangeClosed", id.toString(), changeFacts(id, "CHG0002001", "CLOSED", t.plusSeconds(20)));
        await().atMost(PATIENCE).until(() -> "CLOSED".equals(text("select state from change_replica where change_id = ?", id)));
        assertEquals("true", text("select implemented from change_replica where change_id = ?", id), "once implemented, always");

        String stale = CloudEventPublisher.publish("change", "ChangeScheduled", id.toString(), changeFacts(id, "CHG0002001", "SCHEDULED", t.plusSeconds(5)));
        // events without the change's facts (a link, a model, a window) are no replica update
        String link = CloudEventPublisher.publish("change", "ChangeIncidentLinked", id.toString(),
                Map.of("changeId", id.toString(), "changeNumber", "CHG0002001", "incidentId", UUID.randomUUID().toString()));
        awaitProcessed(stale);
        awaitProcessed(link);
        assertEquals("CLOSED", text("select state from change_replica where change_id = ?", id));
    }

    @Test
    void catalogueEventsKeepTheCiGraph() {
        UUID app = UUID.randomUUID();
        UUID db = UUID.randomUUID();
        Instant t = now();
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", app.toString(), ciFacts(app, "shop-app", false, t));
        await().atMost(PATIENCE).until(() -> "shop-app".equals(text("select name from catalog_ci where id = ?", app)));
        String stale = CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", app.toString(), ciFacts(app, "old-name", false, t.minusSeconds(60)));
        awaitProcessed(stale);
        assertEquals("shop-app", text("select name from catalog_ci where id = ?", app));

        UUID relation = UUID.randomUUID();
        CloudEventPublisher.publish("catalog", "CiRelationChanged", app.toString(), relationFacts(relation, app, "depends_on", "CI", db, "ADDED", t));
        await().atMost(PATIENCE).until(() -> count("select count(*) from catalog_ci_relation where relation_id = ? and source_id = ? "
                + "and target_id = ? and relation = 'depends_on'", relation, app, db) == 1);
        // a relation to a service is not part of the CI graph
        UUID toService = UUID.randomUUID();
        String serviceRelation = CloudEventPublisher.publish("catalog", "CiRelationChanged", app.toString(),
                relationFacts(toService, app, "runs_on", "SERVICE", UUID.randomUUID(), "ADDED", t));
        awaitProcessed(serviceRelation);
        assertEquals(0, count("select count(*) from catalog_ci_relation where relation_id = ?", toService));

        CloudEventPublisher.publish("catalog", "CiRelationChanged", app.toString(), relationFacts(relation, app, "depends_on", "CI", db, "REMOVED", t.plusSeconds(1)));
        await().atMost(PATIENCE).until(() -> count("select count(*) from catalog_ci_relation where relation_id = ?", relation) == 0);

        // a deleted CI takes its relations with it
        UUID again = UUID.randomUUID();
        CloudEventPublisher.publish("catalog", "CiRelationChanged", app.toString(), relationFacts(again, app, "depends_on", "CI", db, "ADDED", t.plusSeconds(2)));
        await().atMost(PATIENCE).until(() -> count("select count(*) from catalog_ci_relation where relation_id = ?", again) == 1);
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", db.toString(), ciFacts(db, "shop-db", true, t.plusSeconds(3)));
        await().atMost(PATIENCE).until(() -> count("select count(*) from catalog_ci_relation where relation_id = ?", again) == 0);
        assertEquals("true", text("select deleted from catalog_ci where id = ?", db));
    }

    @Test
    void typesNobodyHereUsesAreIgnored() {
        String key = UUID.randomUUID().toString();
        String service = CloudEventPublisher.publish("catalog", "ServiceCreated", key, Map.of("serviceId", key, "name", "Shop"));
        String offering = CloudEventPublisher.publish("catalog", "OfferingPublished", key, Map.of("offeringId", key));
        String model = CloudEventPublisher.publish("change", "ChangeModelChanged", key, Map.of("modelId", key));
        awaitProcessed(service);
        awaitProcessed(offering);
        awaitProcessed(model);
        assertEquals(0, count("select count(*) from catalog_ci where id = cast(? as uuid)", key));
    }
}
