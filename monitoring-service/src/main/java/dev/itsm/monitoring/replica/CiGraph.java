package dev.itsm.monitoring.replica;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.itsm.monitoring.rule.CiRef;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The catalogue's CI dependency graph as replicated here ({@link CatalogEventHandler}), for routing and correlating
 * alerts. Edges are stored as (downstream, upstream), so both walks are one recursive query over one index each.
 */
@ApplicationScoped
public class CiGraph {

    private final ReplicaDatabase db;
    private final int serviceSearchDepth;

    CiGraph(ReplicaDatabase db,
            @ConfigProperty(name = "monitoring.replica.service-search-depth", defaultValue = "5") int serviceSearchDepth) {
        this.db = db;
        this.serviceSearchDepth = serviceSearchDepth;
    }

    /** By id, else by exact name (case-insensitive); deleted CIs are not found. A name that is a UUID is tried as
     * an id too, since a label may carry either. */
    public Optional<CiNode> find(CiRef ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        Optional<CiNode> found = Optional.empty();
        if (ref.id() != null) {
            found = byId(ref.id());
        }
        if (found.isEmpty() && ref.name() != null && !ref.name().isBlank()) {
            UUID asId = uuidOrNull(ref.name().trim());
            found = asId != null ? byId(asId) : Optional.empty();
            if (found.isEmpty()) {
                found = byName(ref.name().trim());
            }
        }
        return found;
    }

    /** The CI (distance 0) and every CI upstream of it — the targets of its runs_on/depends_on relations and the
     * sources of hosts relations pointing at it, transitively — with the shortest distance, up to maxDepth. */
    public Map<UUID, Integer> upstream(UUID ciId, int maxDepth) {
        // UNION (not UNION ALL) drops repeated (ci, depth) rows, and the depth bound ends every cycle.
        List<Object[]> rows = db.query("""
                with recursive up(ci_id, depth) as (
                    select ?::uuid, 0
                    union
                    select r.upstream_id, up.depth + 1
                    from up join replica_ci_relation r
                        on r.downstream_id = up.ci_id and not r.removed and r.target_type = 'CI'
                    where up.depth < ?
                )
                select ci_id, min(depth) as distance from up group by ci_id order by distance, ci_id""",
                rs -> new Object[] {ReplicaDatabase.uuid(rs, "ci_id"), rs.getInt("distance")}, ciId, maxDepth);
        Map<UUID, Integer> distances = new LinkedHashMap<>();
        rows.forEach(r -> distances.put((UUID) r[0], (Integer) r[1]));
        return distances;
    }

    /** Services of the CI (its CI→SERVICE relations); none → those of the nearest downstream CIs that have some
     * (a database serves what the applications on it serve), searched down to
     * {@code monitoring.replica.service-search-depth} levels. */
    public List<UUID> servicesOf(UUID ciId) {
        return db.query("""
                with recursive down(ci_id, depth) as (
                    select ?::uuid, 0
                    union
                    select r.downstream_id, down.depth + 1
                    from down join replica_ci_relation r
                        on r.upstream_id = down.ci_id and not r.removed and r.target_type = 'CI'
                    where down.depth < ?
                ),
                served as (
                    select s.service_id, min(down.depth) as depth
                    from down join replica_ci_relation s
                        on s.downstream_id = down.ci_id and not s.removed and s.target_type = 'SERVICE'
                    group by s.service_id
                )
                select service_id from served where depth = (select min(depth) from served) order by service_id""",
                rs -> ReplicaDatabase.uuid(rs, "service_id"), ciId, serviceSearchDepth);
    }

    private Optional<CiNode> byId(UUID id) {
        return db.query("select id, name from replica_ci where id = ? and not deleted",
                rs -> new CiNode(ReplicaDatabase.uuid(rs, "id"), rs.getString("name"), List.of()), id)
                .stream().findFirst().map(this::withServices);
    }

    private Optional<CiNode> byName(String name) {
        // names are not unique in the catalogue; the most recently changed CI of that name is the likely one
        return db.query("""
                select id, name from replica_ci where lower(name) = lower(?) and not deleted
                order by updated_at desc, id limit 1""",
                rs -> new CiNode(ReplicaDatabase.uuid(rs, "id"), rs.getString("name"), List.of()), name)
                .stream().findFirst().map(this::withServices);
    }

    private CiNode withServices(CiNode node) {
        return new CiNode(node.id(), node.name(), servicesOf(node.id()));
    }

    private static UUID uuidOrNull(String text) {
        if (text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
