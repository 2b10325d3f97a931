package dev.itsm.change.schedule;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.Locale;

/**
 * The catalog dependency graph as "impacts" edges between services and CIs (their ids never collide,
 * both are UUIDs). {@code a impacts b} means a change to {@code a} can affect {@code b}:
 * <ul>
 * <li>service S dependsOn T → T impacts S</li>
 * <li>CI a runs_on / depends_on b (CI or service) → b impacts a</li>
 * <li>CI a hosts b (CI or service) → a impacts b</li>
 * </ul>
 * Immutable once built; safe to share between threads.
 */
public final class DependencyGraph {

    private final Map<UUID, Set<UUID>> impacts;     // x -> things x impacts directly
    private final Map<UUID, Set<UUID>> impactedBy;  // y -> things that impact y directly
    private final Set<UUID> services;

    private DependencyGraph(Map<UUID, Set<UUID>> impacts, Map<UUID, Set<UUID>> impactedBy, Set<UUID> services) {
        this.impacts = impacts;
        this.impactedBy = impactedBy;
        this.services = services;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static DependencyGraph empty() {
        return builder().build();
    }

    /** Everything a change to {@code scope} can affect: the scope itself and all it transitively impacts. */
    public Set<UUID> impactOf(Collection<UUID> scope) {
        return closure(scope, impacts);
    }

    /** Everything whose change can affect {@code scope}: the scope itself and all that transitively impacts it. */
    public Set<UUID> upstreamOf(Collection<UUID> scope) {
        return closure(scope, impactedBy);
    }

    /** The ids in {@code nodes} that are known services. */
    public Set<UUID> servicesAmong(Collection<UUID> nodes) {
        Set<UUID> out = new HashSet<>();
        for (UUID n : nodes) {
            if (services.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    public int edgeCount() {
        return impacts.values().stream().mapToInt(Set::size).sum();
    }

    private static Set<UUID> closure(Collection<UUID> start, Map<UUID, Set<UUID>> edges) {
        Set<UUID> seen = new HashSet<>(start);
        Deque<UUID> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            for (UUID next : edges.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }

    /** Collects edges; {@link #build()} freezes them. */
    public static final class Builder {
        private final Map<UUID, Set<UUID>> impacts = new HashMap<>();
        private final Map<UUID, Set<UUID>> impactedBy = new HashMap<>();
        private final Set<UUID> services = new HashSet<>();

        /** Registers a service node (so impacted services can be counted). */
        public Builder service(UUID serviceId) {
            services.add(serviceId);
            return this;
        }

        /** {@code dependent} depends on (or runs on) {@code dependency}: a change to the dependency impacts the dependent. */
        public Builder dependsOn(UUID dependent, UUID dependency) {
            return impacts(dependency, dependent);
        }

        /** {@code host} hosts {@code hosted}: a change to the host impacts what it hosts. */
        public Builder hosts(UUID host, UUID hosted) {
            return impacts(host, hosted);
        }

        /** Adds a catalog CI relation by its contract name (runs_on, depends_on, hosts); unknown names are ignored. */
        public Builder relation(UUID source, String relation, UUID target) {
            switch (relation == null ? "" : relation.toLowerCase(Locale.ROOT)) {
                case "runs_on", "depends_on" -> dependsOn(source, target);
                case "hosts" -> hosts(source, target);
                default -> {
                    // tolerant reader: relation kinds we do not know carry no impact
                }
            }
            return this;
        }

        public Builder impacts(UUID from, UUID to) {
            if (!from.equals(to)) {
                impacts.computeIfAbsent(from, k -> new HashSet<>()).add(to);
                impactedBy.computeIfAbsent(to, k -> new HashSet<>()).add(from);
            }
            return this;
        }

        public DependencyGraph build() {
            Map<UUID, Set<UUID>> i = new HashMap<>();
            impacts.forEach((k, v) -> i.put(k, Set.copyOf(v)));
            Map<UUID, Set<UUID>> r = new HashMap<>();
            impactedBy.forEach((k, v) -> r.put(k, Set.copyOf(v)));
            return new DependencyGraph(i, r, Set.copyOf(services));
        }
    }
}
