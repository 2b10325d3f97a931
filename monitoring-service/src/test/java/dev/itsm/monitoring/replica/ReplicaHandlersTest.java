package dev.itsm.monitoring.replica;

import static dev.itsm.monitoring.replica.ReplicaFixtures.awaitProcessed;
import static dev.itsm.monitoring.replica.ReplicaFixtures.ciFacts;
import static dev.itsm.monitoring.replica.ReplicaFixtures.count;
import static dev.itsm.monitoring.replica.ReplicaFixtures.incidentFacts;
import static dev.itsm.monitoring.replica.ReplicaFixtures.now;
import static dev.itsm.monitoring.replica.ReplicaFixtures.relationFacts;
import static dev.itsm.monitoring.replica.ReplicaFixtures.row;
import static dev.itsm.monitoring.replica.ReplicaFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The catalogue, change and incident replicas follow their topics: upserts, stale events ignored, redelivery
 * skipped, deletions kept. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class ReplicaHandlersTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Inject
    IncidentLinks links;

    @Test
    void aCiIsUpsertedAndAnOlderEventCannotRollItBack() {
        UUID ci = UUID.randomUUID();
        Instant t0 = now();
        ReplicaFixtures.ciChanged(ci, "web-01", false, t0);
        ReplicaFixtures.ciChanged(ci, "web-01.prod", false, t0.plus(MINUTE));
        assertEquals(List.of("web-01.prod", false), row("select name, deleted from replica_ci where id = ?", ci));

        ReplicaFixtures.ciChanged(ci, "web-01-stale", false, t0.plusSeconds(30));
        assertEquals("web-01.prod", value("select name from replica_ci where id = ?", ci));
        assertEquals(t0.plus(MINUTE), value("select updated_at from replica_ci where id = ?", ci));
    }

    @Test
    void aRedeliveredEventHasNoSecondEffect() {
        UUID ci = UUID.randomUUID();
        Instant t0 = now();
        String x = UUID.randomUUID().toString();
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", ci.toString(), x, ciFacts(ci, "db-07", false, t0));
        awaitProcessed(x);
        ReplicaFixtures.ciChanged(ci, "db-07.renamed", false, t0.plusSeconds(1));
        // X again with a newer payload: only the inbox can stop it
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", ci.toString(), x,
                ciFacts(ci, "db-07.redelivered", false, t0.plusSeconds(2)));
        ReplicaFixtures.relationChanged(UUID.randomUUID(), ci, "depends_on", "CI", UUID.randomUUID(), "ADDED", now()); // marker, same key
        assertEquals(1L, count("select count(*) from processed_event where event_id = ?", x));
        assertEquals("db-07.renamed", value("select name from replica_ci where id = ?", ci));
    }

    @Test
    void aDeletedCiStaysAsATombstoneAndTakesItsRelationsWithIt() {
        UUID app = ReplicaFixtures.ci("del-app");
        UUID db = ReplicaFixtures.ci("del-db");
        UUID toDb = ReplicaFixtures.relate(app, "depends_on", db);
        UUID toService = ReplicaFixtures.serves(db, UUID.randomUUID());
        ReplicaFixtures.deleteCi(db, "del-db");

        assertEquals(true, value("select deleted from replica_ci where id = ?", db));
        assertEquals(true, value("select removed from replica_ci_relation where relation_id = ?", toDb));
        assertEquals(true, value("select removed from replica_ci_relation where relation_id = ?", toService));
        // a late "registered" copy of the CI is older than the deletion
        ReplicaFixtures.ciChanged(db, "del-db", false, now().minus(MINUTE));
        assertEquals(true, value("select deleted from replica_ci where id = ?", db));
    }

    @Test
    void relationsAreStoredDownstreamToUpstreamAndAStaleOneIsIgnored() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID runsOn = UUID.randomUUID();
        UUID hosts = UUID.randomUUID();
        UUID service = UUID.randomUUID();
        UUID serves = UUID.randomUUID();
        Instant t0 = now();
        ReplicaFixtures.relationChanged(runsOn, a, "runs_on", "CI", b, "ADDED", t0);
        ReplicaFixtures.relationChanged(hosts, a, "HOSTS", "CI", b, "ADDED", t0);
        ReplicaFixtures.relationChanged(serves, a, "depends_on", "SERVICE", service, "ADDED", t0);
        assertEquals(List.of(a, b), row("select downstream_id, upstream_id from replica_ci_relation where relation_id = ?", runsOn));
        assertEquals(List.of(b, a), row("select downstream_id, upstream_id from replica_ci_relation where relation_id = ?", hosts));
        assertEquals(List.of(a, service), row("select downstream_id, service_id from replica_ci_relation where relation_id = ?", serves));

        ReplicaFixtures.relationChanged(runsOn, a, "runs_on", "CI", b, "REMOVED", t0.plus(MINUTE));
        ReplicaFixtures.relationChanged(runsOn, a, "runs_on", "CI", b, "ADDED", t0.plusSeconds(30)); // late copy
        assertEquals(true, value("select removed from replica_ci_relation where relation_id = ?", runsOn));
    }

    @Test
    void aChangeEventWithoutTheChangesFactsIsSkipped() {
        UUID change = UUID.randomUUID();
        String linked = CloudEventPublisher.publish("change", "ChangeIncidentLinked", change.toString(), Map.of(
                "changeId", change.toString(), "changeNumber", "CHG0000001", "incidentId", UUID.randomUUID().toString(),
                "relation", "CAUSED_BY", "source", "MANUAL", "linkedAt", now().toString(), "occurredAt", now().toString()));
        awaitProcessed(linked);
        assertEquals(0L, count("select count(*) from replica_change where change_id = ?", change));
    }

    @Test
    void anIncidentOfAnAlertGroupBecomesItsLinkAndFollowsItsState() {
        UUID group = UUID.randomUUID();
        assertTrue(forGroup(group).isEmpty());
        UUID incident = ReplicaFixtures.incidentForGroup(group);
        IncidentLink link = forGroup(group).orElseThrow();
        assertEquals(incident, link.incidentId());
        assertEquals("NEW", link.state());
        assertTrue(link.number().matches("INC\\d{7}"));

        Instant opened = (Instant) value("select opened_at from replica_group_incident where incident_id = ?", incident);
        ReplicaFixtures.incidentEvent("IncidentResolved",
                incidentFacts(incident, link.number(), "RESOLVED", group, opened, now().plus(MINUTE)));
        assertEquals("RESOLVED", forGroup(group).orElseThrow().state());
        ReplicaFixtures.incidentEvent("IncidentAcknowledged",
                incidentFacts(incident, link.number(), "IN_PROGRESS", group, opened, now()));
        assertEquals("RESOLVED", forGroup(group).orElseThrow().state(), "an older event is ignored");
    }

    @Test
    void aClosedGroupIncidentGivesWayToTheNewOneForOneGroupOrManyAndIncidentsWithoutAGroupAreNotKept() {
        UUID group = UUID.randomUUID();
        UUID first = ReplicaFixtures.incidentForGroup(group);
        String number = forGroup(group).orElseThrow().number();
        Instant opened = (Instant) value("select opened_at from replica_group_incident where incident_id = ?", first);
        ReplicaFixtures.incidentEvent("IncidentClosed", incidentFacts(first, number, "CLOSED", group, opened, now()));
        UUID second = ReplicaFixtures.incidentForGroup(group);
        assertEquals(second, forGroup(group).orElseThrow().incidentId());
        UUID other = UUID.randomUUID();
        UUID otherIncident = ReplicaFixtures.incidentForGroup(other);
        Map<UUID, IncidentLink> both = QuarkusTransaction.requiringNew()
                .call(() -> links.forGroups(List.of(group, other, UUID.randomUUID())));
        assertEquals(Map.of(group, second, other, otherIncident), Map.of(group, both.get(group).incidentId(),
                other, both.get(other).incidentId()));
        assertEquals(2, both.size(), "a group without an incident is absent");
        // a later edit of the closed one does not take the link back
        ReplicaFixtures.incidentEvent("IncidentUpdated",
                incidentFacts(first, number, "CLOSED", group, opened, now().plus(MINUTE)));
        assertEquals(second, forGroup(group).orElseThrow().incidentId());

        UUID manual = UUID.randomUUID();
        ReplicaFixtures.incidentEvent("IncidentOpened", incidentFacts(manual, "INC0000001", "NEW", null, now(), now()));
        assertEquals(0L, count("select count(*) from replica_group_incident where incident_id = ?", manual));
    }

    private Optional<IncidentLink> forGroup(UUID group) {
        return QuarkusTransaction.requiringNew().call(() -> links.forGroup(group));
    }
}
