package dev.itsm.incident.knownerror;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Remembers which revision of a known error each incident has been told about
 * ({@code incident_known_error_note}), so that a replayed event, the same revision published again,
 * or a link after the intake note never writes the same workaround twice. Only a newer revision is news.
 */
@ApplicationScoped
public class KnownErrorNotes {

    // one statement: inserts, or raises the revision only when it is higher; 0 rows = already told
    private static final String MARK = """
            insert into incident_known_error_note (incident_id, known_error_id, revision, noted_at)
            values (?1, ?2, ?3, ?4)
            on conflict (incident_id, known_error_id) do update set revision = excluded.revision, noted_at = excluded.noted_at
            where incident_known_error_note.revision < excluded.revision""";

    /** True when the incident has not yet been told about this revision (or a later one); marks it told. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markNoted(UUID incidentId, UUID knownErrorId, int revision, Instant at) {
        return Panache.getEntityManager().createNativeQuery(MARK)
                .setParameter(1, incidentId).setParameter(2, knownErrorId).setParameter(3, revision).setParameter(4, at)
                .executeUpdate() == 1;
    }
}
