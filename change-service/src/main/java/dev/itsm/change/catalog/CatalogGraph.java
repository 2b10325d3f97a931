package dev.itsm.change.catalog;

import java.util.List;
import java.util.UUID;

import dev.itsm.change.schedule.DependencyGraph;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The dependency graph built from the catalog replica, cached per instance and rebuilt when
 * {@code catalog_graph_version} moved (every catalog event bumps it, whichever instance consumed it).
 */
@ApplicationScoped
public class CatalogGraph {

    private record Cached(long version, DependencyGraph graph) {
    }

    private final EntityManager em;
    private volatile Cached cached = new Cached(-1, DependencyGraph.empty());

    CatalogGraph(EntityManager em) {
        this.em = em;
    }

    /** The current graph; call inside a transaction. */
    public DependencyGraph current() {
        long version = ((Number) em.createNativeQuery("select version from catalog_graph_version where id = 1")
                .getSingleResult()).longValue();
        Cached c = cached;
        if (c.version() == version) {
            return c.graph();
        }
        DependencyGraph graph = load();
        cached = new Cached(version, graph);
        return graph;
    }

    @SuppressWarnings("unchecked")
    private DependencyGraph load() {
        DependencyGraph.Builder b = DependencyGraph.builder();
        List<Object[]> services = em.createNativeQuery("""
                select s.id, cast(dep.id as uuid) from catalog_service s
                left join lateral jsonb_array_elements_text(s.depends_on) as dep(id) on true""").getResultList();
        for (Object[] row : services) {
            UUID id = (UUID) row[0];
            b.service(id);
            if (row[1] != null) {
                b.dependsOn(id, (UUID) row[1]);
            }
        }
        List<Object[]> relations = em.createNativeQuery("select source_id, relation, target_id from catalog_ci_relation")
                .getResultList();
        for (Object[] row : relations) {
            b.relation((UUID) row[0], (String) row[1], (UUID) row[2]);
        }
        return b.build();
    }
}
