package dev.itsm.change.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.NativeKeysetQuery;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads the suspect alerts of a change ({@link MonitoringEventHandler} writes them). */
@ApplicationScoped
public class SuspectAlertService {

    static final Keyset.Column<SuspectAlert> SUPPRESSED_AT = Keyset.Column.of("suppressed_at", Instant.class,
            SuspectAlert::suppressedAt);
    static final Keyset.Column<SuspectAlert> ID = Keyset.Column.of("id", UUID.class, SuspectAlert::id);
    /** Newest suppression first; (change_id, suppressed_at, id) is indexed. */
    static final Keyset<SuspectAlert> NEWEST_FIRST = Keyset.of(Sort.parse(null, Map.of("suppressedAt", "suppressed_at"),
            "-suppressedAt"), List.of(SUPPRESSED_AT), List.of(ID));

    private final EntityManager em;

    SuspectAlertService(EntityManager em) {
        this.em = em;
    }

    /** One page of the change's suspect alerts, newest suppression first; 404 for an unknown change. */
    @Transactional
    public Page<SuspectAlertView> list(UUID changeId, PageRequest request) {
        if (((Number) em.createNativeQuery("select count(*) from change_request where id = ?1").setParameter(1, changeId)
                .getSingleResult()).longValue() == 0) {
            throw new NotFoundException("Change request", changeId);
        }
        Page<SuspectAlert> page = new NativeKeysetQuery<>("change_suspect_alert", SuspectAlert.class)
                .where("change_id = :changeId", Map.of("changeId", changeId))
                .page(em, NEWEST_FIRST, request, false);
        return new Page<>(page.items().stream().map(SuspectAlertView::of).toList(), page.page(), page.size(), page.total(),
                page.totalExact(), page.next());
    }
}
