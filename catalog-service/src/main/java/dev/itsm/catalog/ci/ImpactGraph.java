package dev.itsm.catalog.ci;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Breadth-first walk over impact edges ("when {@code from} fails, {@code to} is impacted"), so
 * every reachable node is visited once (cycles are harmless) and gets its shortest path.
 */
public final class ImpactGraph {

    /** A CI or a service. */
    public record Node(TargetType type, UUID id) {
    }

    /** The stored fact behind an impact edge: {@code sourceId <relation> targetId}. */
    public record Fact(String relation, TargetType sourceType, UUID sourceId, TargetType targetType, UUID targetId) {
    }

    /** {@code from} failing impacts {@code to}, because of {@code fact}. */
    public record Edge(Node from, Node to, Fact fact) {
    }

    /** A reached node, its depth and the edges leading to it from the origin. */
    public record Reached(Node node, int depth, List<Edge> path) {
    }

    private static final Comparator<Edge> STABLE = Comparator
            .comparing((Edge e) -> e.to().type())
            .thenComparing(e -> e.to().id())
            .thenComparing(e -> e.fact().relation());

    private final Map<Node, List<Edge>> outgoing = new HashMap<>();

    public ImpactGraph(Iterable<Edge> edges) {
        for (Edge e : edges) {
            outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        outgoing.values().forEach(list -> list.sort(STABLE));
    }

    /** Every node impacted by {@code origin} (the origin itself excluded, even when a cycle leads back to it), nearest first. */
    public List<Reached> impactOf(Node origin) {
        return impactOf(origin, Integer.MAX_VALUE);
    }

    /** As {@link #impactOf(Node)}, but only up to {@code maxDepth} hops from the origin. */
    public List<Reached> impactOf(Node origin, int maxDepth) {
        Map<Node, Edge> via = new LinkedHashMap<>();
        Map<Node, Integer> depth = new HashMap<>();
        depth.put(origin, 0);
        Deque<Node> queue = new ArrayDeque<>();
        queue.add(origin);
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            if (depth.get(node) >= maxDepth) {
                continue;
            }
            for (Edge e : outgoing.getOrDefault(node, List.of())) {
                if (!depth.containsKey(e.to())) {
                    depth.put(e.to(), depth.get(node) + 1);
                    via.put(e.to(), e);
                    queue.add(e.to());
                }
            }
        }
        List<Reached> result = new ArrayList<>(via.size());
        for (Map.Entry<Node, Edge> entry : via.entrySet()) {
            List<Edge> path = new ArrayList<>();
            for (Edge e = entry.getValue(); e != null; e = via.get(e.from())) {
                path.add(e);
            }
            Collections.reverse(path);
            result.add(new Reached(entry.getKey(), depth.get(entry.getKey()), path));
        }
        return result;
    }
}
