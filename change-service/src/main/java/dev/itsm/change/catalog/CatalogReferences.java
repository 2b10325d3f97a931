package dev.itsm.change.catalog;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.itsm.platform.problem.UnprocessableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Checks that the services and configuration items a change, change model, blackout or maintenance
 * window names are in the catalog replica
 * (docs/API-VOCABULARY.md, "Replicas that are still catching up"): an id the replica does not know
 * is 422 {@code unknown-service} / {@code unknown-ci} naming it. The replica follows catalog events,
 * so an id created moments ago may not be here yet; the detail says so and the client retries.
 */
@ApplicationScoped
public class CatalogReferences {

    static final String CATCHING_UP = "; this service's replica of the catalog may still be catching up with a service "
            + "or CI created moments ago, so retry after a short delay";

    private final EntityManager em;

    CatalogReferences(EntityManager em) {
        this.em = em;
    }

    /** Throws 422 for the first service, then the first CI, that the replica does not know (a deleted CI counts as unknown). */
    public void requireKnown(Collection<UUID> serviceIds, Collection<UUID> ciIds) {
        List<UUID> services = unknown(serviceIds, "select id from catalog_service where id in (:ids)");
        if (!services.isEmpty()) {
            throw new UnprocessableException("unknown-service", "Unknown service",
                    "Service(s) " + services + " are not in the service catalogue" + CATCHING_UP,
                    Map.of("serviceId", services.get(0).toString(), "unknownIds", strings(services)));
        }
        List<UUID> cis = unknown(ciIds, "select id from catalog_ci where id in (:ids) and not deleted");
        if (!cis.isEmpty()) {
            throw new UnprocessableException("unknown-ci", "Unknown configuration item",
                    "Configuration item(s) " + cis + " are not in the CMDB (or were deleted)" + CATCHING_UP,
                    Map.of("ciId", cis.get(0).toString(), "unknownIds", strings(cis)));
        }
    }

    /**
     * The ids of {@code after} that are not in {@code before}: what an edit adds. Edits are checked only for
     * these, so an item the catalogue deleted since does not block editing something else.
     */
    public static List<UUID> added(Collection<UUID> before, Collection<UUID> after) {
        if (after == null) {
            return List.of();
        }
        return after.stream().filter(id -> before == null || !before.contains(id)).toList();
    }

    @SuppressWarnings("unchecked")
    private List<UUID> unknown(Collection<UUID> ids, String knownQuery) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        Set<UUID> known = new HashSet<>(em.createNativeQuery(knownQuery).setParameter("ids", Set.copyOf(ids))
                .getResultList());
        return ids.stream().distinct().filter(id -> !known.contains(id)).toList();
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}
