package dev.itsm.catalog.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    final UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID(), d = UUID.randomUUID();

    @Test
    void aNewEdgeClosingAChainIsACycleReportedAsItsPath() {
        // b -> a, c -> b
        DependencyGraph g = new DependencyGraph(Map.of(b, Set.of(a), c, Set.of(b)));
        assertEquals(List.of(a, c, b, a), g.cycleIf(a, List.of(c)).orElseThrow());
        assertEquals(List.of(a, a), g.cycleIf(a, List.of(a)).orElseThrow());
    }

    @Test
    void diamondsAndUnrelatedEdgesAreFine() {
        // d -> b, d -> c, b -> a, c -> a
        DependencyGraph g = new DependencyGraph(Map.of(d, Set.of(b, c), b, Set.of(a), c, Set.of(a)));
        assertTrue(g.cycleIf(d, List.of(a)).isEmpty());
        assertTrue(g.cycleIf(UUID.randomUUID(), List.of(d, a)).isEmpty());
        assertTrue(g.cycleIf(a, List.of()).isEmpty());
    }

    @Test
    void existingCyclesElsewhereDoNotLoopForever() {
        // b <-> c already (should not happen, but the search must still terminate)
        DependencyGraph g = new DependencyGraph(Map.of(b, Set.of(c), c, Set.of(b)));
        assertTrue(g.cycleIf(a, List.of(b)).isEmpty());
    }
}
