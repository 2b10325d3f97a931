package dev.itsm.monitoring.replica;

import static dev.itsm.monitoring.replica.ReplicaFixtures.ci;
import static dev.itsm.monitoring.replica.ReplicaFixtures.relate;
import static dev.itsm.monitoring.replica.ReplicaFixtures.serves;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.itsm.monitoring.rule.CiRef;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The replicated CI graph: upstream distances (runs_on, depends_on, hosts, cycles, depth), services, lookup. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class CiGraphTest {

    @Inject
    CiGraph graph;

    @Test
    void upstreamHasEveryCiTheAlertingOneDependsOnWithItsShortestDistance() {
        // app runs_on vm, vm is hosted by host (host hosts vm), app depends_on db, db runs_on host
        UUID app = ci("up-app");
        UUID vm = ci("up-vm");
        UUID host = ci("up-host");
        UUID db = ci("up-db");
        UUID unrelated = ci("up-unrelated");
        relate(app, "runs_on", vm);
        relate(host, "hosts", vm);
        relate(app, "depends_on", db);
        relate(db, "runs_on", host);
        relate(unrelated, "depends_on", app); // downstream of app: not upstream

        assertEquals(Map.of(app, 0, vm, 1, db, 1, host, 2), tx(() -> graph.upstream(app, 3)));
        assertEquals(Map.of(app, 0, vm, 1, db, 1), tx(() -> graph.upstream(app, 1)), "bounded by maxDepth");
        assertEquals(Map.of(vm, 0, host, 1), tx(() -> graph.upstream(vm, 3)), "hosts points upstream to the host");
        assertEquals(Map.of(host, 0), tx(() -> graph.upstream(host, 3)));
    }

    @Test
    void aCycleEndsAtTheDepthBoundWithShortestDistances() {
        UUID a = ci("cycle-a");
        UUID b = ci("cycle-b");
        UUID c = ci("cycle-c");
        relate(a, "depends_on", b);
        relate(b, "depends_on", c);
        relate(c, "depends_on", a);

        assertEquals(Map.of(a, 0, b, 1, c, 2), tx(() -> graph.upstream(a, 10)));
        assertEquals(Map.of(b, 0, c, 1, a, 2), tx(() -> graph.upstream(b, 10)));
    }

    @Test
    void aRemovedRelationAndADeletedCiAreNoLongerWalked() {
        UUID app = ci("rm-app");
        UUID db = ci("rm-db");
        UUID cache = ci("rm-cache");
        UUID relation = relate(app, "depends_on", db);
        relate(app, "depends_on", cache);
        assertEquals(Map.of(app, 0, db, 1, cache, 1), tx(() -> graph.upstream(app, 3)));

        ReplicaFixtures.unrelate(relation, app, "depends_on", db);
        ReplicaFixtures.deleteCi(cache, "rm-cache");
        assertEquals(Map.of(app, 0), tx(() -> graph.upstream(app, 3)));
        assertTrue(tx(() -> graph.find(new CiRef(cache, null))).isEmpty(), "a deleted CI is not found");
    }

    @Test
    void servicesAreTheCisOwnElseThoseOfTheNearestDownstreamCis() {
        UUID checkout = UUID.randomUUID();
        UUID search = UUID.randomUUID();
        UUID billing = UUID.randomUUID();
        UUID db = ci("svc-db");
        UUID app1 = ci("svc-app1");
        UUID app2 = ci("svc-app2");
        UUID batch = ci("svc-batch");
        UUID host = ci("svc-host");
        relate(app1, "depends_on", db);
        relate(app2, "runs_on", db);
        relate(batch, "depends_on", app1);
        relate(host, "hosts", db);
        serves(app1, checkout);
        serves(app2, search);
        serves(batch, billing); // two levels down: the nearer level wins

        assertEquals(Set.of(checkout, search), Set.copyOf(tx(() -> graph.servicesOf(db))));
        assertEquals(Set.of(checkout, search), Set.copyOf(tx(() -> graph.servicesOf(host))), "host → db → apps");
        assertEquals(List.of(checkout), tx(() -> graph.servicesOf(app1)), "its own service wins");

        UUID own = UUID.randomUUID();
        serves(db, own);
        assertEquals(List.of(own), tx(() -> graph.servicesOf(db)));
        assertEquals(List.of(), tx(() -> graph.servicesOf(ci("svc-alone"))));
    }

    @Test
    void aCiIsFoundByIdOrByItsNameIgnoringCaseWithItsServices() {
        UUID service = UUID.randomUUID();
        UUID db = ci("Find-DB-01");
        serves(db, service);

        Optional<CiNode> byId = tx(() -> graph.find(new CiRef(db, null)));
        assertEquals(Optional.of(new CiNode(db, "Find-DB-01", List.of(service))), byId);
        assertEquals(byId, tx(() -> graph.find(new CiRef(null, "find-db-01"))));
        assertEquals(byId, tx(() -> graph.find(new CiRef(null, db.toString()))), "a label may carry the id");
        assertEquals(byId, tx(() -> graph.find(new CiRef(UUID.randomUUID(), "FIND-db-01"))), "unknown id: by name");
        assertTrue(tx(() -> graph.find(new CiRef(null, "find-db"))).isEmpty(), "exact names only");
        assertTrue(tx(() -> graph.find(CiRef.NONE)).isEmpty());
    }

    private static <T> T tx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }
}
