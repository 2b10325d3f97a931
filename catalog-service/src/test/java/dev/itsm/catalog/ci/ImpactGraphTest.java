package dev.itsm.catalog.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.itsm.catalog.ci.ImpactGraph.Edge;
import dev.itsm.catalog.ci.ImpactGraph.Fact;
import dev.itsm.catalog.ci.ImpactGraph.Node;
import dev.itsm.catalog.ci.ImpactGraph.Reached;

class ImpactGraphTest {

    static Node ci() {
        return new Node(TargetType.CI, UUID.randomUUID());
    }

    static Edge edge(Node from, Node to) {
        return new Edge(from, to, new Fact("depends_on", to.type(), to.id(), from.type(), from.id()));
    }

    @Test
    void reachesEverythingOnceWithShortestPathsAndNeverTheOrigin() {
        Node a = ci(), b = ci(), c = ci(), d = ci();
        // a -> b -> c -> a (cycle), a -> c (shortcut), c -> d
        List<Edge> edges = List.of(edge(a, b), edge(b, c), edge(c, a), edge(a, c), edge(c, d));
        List<Reached> reached = new ImpactGraph(edges).impactOf(a);
        Map<Node, Integer> depth = reached.stream().collect(Collectors.toMap(Reached::node, Reached::depth));
        assertEquals(Map.of(b, 1, c, 1, d, 2), depth);
        Reached viaD = reached.stream().filter(r -> r.node().equals(d)).findFirst().orElseThrow();
        assertEquals(List.of(a, c), viaD.path().stream().map(Edge::from).toList());
        assertEquals(Set.of(b, c), new ImpactGraph(edges).impactOf(a, 1).stream().map(Reached::node).collect(Collectors.toSet()));
    }

    @Test
    void aLongCycleOfThousandsTerminates() {
        List<Node> ring = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ring.add(ci());
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++) {
            edges.add(edge(ring.get(i), ring.get((i + 1) % ring.size())));
        }
        List<Reached> reached = new ImpactGraph(edges).impactOf(ring.get(0));
        assertEquals(4999, reached.size());
        assertEquals(4999, reached.get(reached.size() - 1).depth());
        assertTrue(reached.stream().noneMatch(r -> r.node().equals(ring.get(0))));
    }

    @Test
    void anIsolatedNodeImpactsNothing() {
        assertTrue(new ImpactGraph(List.of()).impactOf(ci()).isEmpty());
    }
}
