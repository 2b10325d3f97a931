package dev.itsm.catalog.ci;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import dev.itsm.catalog.api.ImpactReport;
import dev.itsm.catalog.ci.ImpactGraph.Edge;
import dev.itsm.catalog.ci.ImpactGraph.Fact;
import dev.itsm.catalog.ci.ImpactGraph.Node;
import dev.itsm.catalog.ci.ImpactGraph.Reached;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Impact analysis of a CI: one recursive SQL query collects the impact edges reachable from the CI
 * (PostgreSQL's {@code UNION} drops rows already produced, so cycles terminate), then
 * {@link ImpactGraph} walks them breadth-first for depths and shortest paths, and one query per
 * node kind fetches the names and statuses of one page of the result.
 * <p>
 * Impact edges: target of {@code runs_on}/{@code depends_on} → its source CI; source of
 * {@code hosts} → its target (CI or service); a service → the services that depend on it.
 */
@ApplicationScoped
public class ImpactAnalysis {

    private static final String REACHABLE_EDGES = """
            with recursive reach(from_type, from_id, to_type, to_id, relation, src_type, src_id, tgt_type, tgt_id) as (
                select null::text, null::uuid, 'CI'::text, ?::uuid, null::text, null::text, null::uuid, null::text, null::uuid
              union
                select r.to_type, r.to_id, e.to_type, e.to_id, e.relation, e.src_type, e.src_id, e.tgt_type, e.tgt_id
                  from reach r
                  cross join lateral (
                      select 'CI'::text as to_type, c.source_id as to_id, c.relation, 'CI'::text as src_type,
                             c.source_id as src_id, c.target_type as tgt_type, c.target_id as tgt_id
                        from ci_relation c
                       where c.target_type = r.to_type and c.target_id = r.to_id
                         and c.relation in ('runs_on', 'depends_on')
                      union all
                      select c.target_type, c.target_id, c.relation, 'CI', c.source_id, c.target_type, c.target_id
                        from ci_relation c
                       where r.to_type = 'CI' and c.source_id = r.to_id and c.relation = 'hosts'
                      union all
                      select 'SERVICE', d.service_id, 'depends_on', 'SERVICE', d.service_id, 'SERVICE', d.depends_on_id
                        from service_dependency d
                       where r.to_type = 'SERVICE' and d.depends_on_id = r.to_id
                  ) e
            )
            select from_type, from_id, to_type, to_id, relation, src_type, src_id, tgt_type, tgt_id
              from reach where from_id is not null""";

    /**
     * Deepest impact listed (also the largest {@code maxDepth}): each item carries its path, so the depth bounds
     * an item's size; real dependency chains are a handful of hops.
     */
    public static final int MAX_DEPTH = 100;

    private final DataSource ds;

    ImpactAnalysis(DataSource ds) {
        this.ds = ds;
    }

    /** The first page (of the largest size) of everything {@code ciId} impacts, up to {@link #MAX_DEPTH} hops. */
    public ImpactReport analyse(UUID ciId) {
        return analyse(ciId, null, null, new PageRequest(0, PageRequest.MAX_SIZE));
    }

    /**
     * One page of the impact of {@code ciId}, nearest first. Only the page's items get names and paths, so the
     * answer is bounded by the page size × {@link #MAX_DEPTH} steps however large the impact is; the counts and
     * {@code total} describe every matching item.
     *
     * @param maxDepth only items at most this many hops away (null: {@link #MAX_DEPTH})
     * @param only     only items of this type (null: CIs and services)
     */
    public ImpactReport analyse(UUID ciId, Integer maxDepth, TargetType only, PageRequest page) {
        try (Connection c = ds.getConnection()) {
            Map<UUID, String[]> origin = namesOf(c, "configuration_item", Set.of(ciId));
            if (!origin.containsKey(ciId)) {
                throw new NotFoundException("Configuration item", ciId);
            }
            List<Edge> edges = reachableEdges(c, ciId);
            List<Reached> reached = new ImpactGraph(edges)
                    .impactOf(new Node(TargetType.CI, ciId), maxDepth == null ? MAX_DEPTH : Math.min(maxDepth, MAX_DEPTH)).stream()
                    .filter(r -> only == null || r.node().type() == only)
                    .toList();
            int ciCount = (int) reached.stream().filter(r -> r.node().type() == TargetType.CI).count();
            int from = (int) Math.min(page.offset(), reached.size());
            int to = Math.min(from + page.size(), reached.size());
            List<Reached> shown = reached.subList(from, to);

            // names of the shown items and of every step on their paths (a step may be of the type filtered out)
            Set<UUID> cis = new LinkedHashSet<>();
            Set<UUID> services = new LinkedHashSet<>();
            for (Reached r : shown) {
                for (Edge e : r.path()) {
                    (e.to().type() == TargetType.CI ? cis : services).add(e.to().id());
                }
            }
            Map<UUID, String[]> ciNames = namesOf(c, "configuration_item", cis);
            Map<UUID, String[]> serviceNames = namesOf(c, "service", services);

            List<ImpactReport.Impacted> items = new ArrayList<>(shown.size());
            for (Reached r : shown) {
                Map<UUID, String[]> names = r.node().type() == TargetType.CI ? ciNames : serviceNames;
                String[] info = names.getOrDefault(r.node().id(), new String[] { null, null });
                List<ImpactReport.Step> path = new ArrayList<>(r.path().size() + 1);
                path.add(new ImpactReport.Step(TargetType.CI, ciId, origin.get(ciId)[0], null));
                for (Edge e : r.path()) {
                    Map<UUID, String[]> stepNames = e.to().type() == TargetType.CI ? ciNames : serviceNames;
                    String[] stepInfo = stepNames.getOrDefault(e.to().id(), new String[] { null, null });
                    Fact f = e.fact();
                    path.add(new ImpactReport.Step(e.to().type(), e.to().id(), stepInfo[0],
                            new ImpactReport.Via(f.relation(), f.sourceType(), f.sourceId(), f.targetType(), f.targetId())));
                }
                items.add(new ImpactReport.Impacted(r.node().type(), r.node().id(), info[0], info[1], info[1], r.depth(), path));
            }
            return new ImpactReport(ciId, origin.get(ciId)[0], ciCount, reached.size() - ciCount, reached.size(), page.page(),
                    page.size(), to < reached.size(), items);
        } catch (SQLException e) {
            throw new IllegalStateException("impact analysis failed", e);
        }
    }

    private static List<Edge> reachableEdges(Connection c, UUID ciId) throws SQLException {
        List<Edge> edges = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(REACHABLE_EDGES)) {
            ps.setObject(1, ciId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Node from = new Node(TargetType.valueOf(rs.getString(1)), rs.getObject(2, UUID.class));
                    Node to = new Node(TargetType.valueOf(rs.getString(3)), rs.getObject(4, UUID.class));
                    Fact fact = new Fact(rs.getString(5), TargetType.valueOf(rs.getString(6)), rs.getObject(7, UUID.class),
                            TargetType.valueOf(rs.getString(8)), rs.getObject(9, UUID.class));
                    edges.add(new Edge(from, to, fact));
                }
            }
        }
        return edges;
    }

    /** id → {name, status} for the given ids of {@code table} (configuration_item or service). */
    private static Map<UUID, String[]> namesOf(Connection c, String table, Set<UUID> ids) throws SQLException {
        Map<UUID, String[]> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        try (PreparedStatement ps = c.prepareStatement("select id, name, status from " + table + " where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getObject(1, UUID.class), new String[] { rs.getString(2), rs.getString(3) });
                }
            }
        }
        return names;
    }
}
