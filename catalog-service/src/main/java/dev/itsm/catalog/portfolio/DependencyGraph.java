package dev.itsm.catalog.portfolio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Service dependencies as a directed graph (service → services it depends on); finds cycles. */
public final class DependencyGraph {

    private final Map<UUID, Set<UUID>> edges;

    public DependencyGraph(Map<UUID, Set<UUID>> edges) {
        this.edges = edges;
    }

    /**
     * The cycle that would appear if {@code service} depended on {@code newDependsOn}, as the
     * chain {@code service → … → service}; empty when the dependencies stay acyclic.
     */
    public Optional<List<UUID>> cycleIf(UUID service, Collection<UUID> newDependsOn) {
        for (UUID start : newDependsOn) {
            if (start.equals(service)) {
                return Optional.of(List.of(service, service));
            }
            List<UUID> path = pathTo(start, service);
            if (path != null) {
                List<UUID> cycle = new ArrayList<>();
                cycle.add(service);
                cycle.addAll(path);
                return Optional.of(cycle);
            }
        }
        return Optional.empty();
    }

    /** Breadth-first path from {@code from} to {@code to} over dependency edges, or null. */
    private List<UUID> pathTo(UUID from, UUID to) {
        Map<UUID, UUID> parent = new HashMap<>();
        Deque<UUID> queue = new ArrayDeque<>();
        parent.put(from, from);
        queue.add(from);
        while (!queue.isEmpty()) {
            UUID node = queue.poll();
            if (node.equals(to)) {
                List<UUID> path = new ArrayList<>();
                for (UUID n = node; ; n = parent.get(n)) {
                    path.add(n);
                    if (n.equals(from)) {
                        break;
                    }
                }
                Collections.reverse(path);
                return path;
            }
            for (UUID next : edges.getOrDefault(node, Set.of())) {
                if (!parent.containsKey(next)) {
                    parent.put(next, node);
                    queue.add(next);
                }
            }
        }
        return null;
    }
}
