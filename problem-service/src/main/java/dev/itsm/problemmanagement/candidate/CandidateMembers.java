package dev.itsm.problemmanagement.candidate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.itsm.problemmanagement.candidate.ProblemCandidate.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The incidents of each candidate, one row per (candidate, incident) in {@code problem_candidate_incident}. Rows, not
 * an array on the candidate: an incident joining a busy candidate is one insert, whatever the candidate holds (the
 * array was rewritten whole per join). Runs in the caller's transaction; the candidate row must be flushed first.
 */
@ApplicationScoped
public class CandidateMembers {

    private final EntityManager em;

    CandidateMembers(EntityManager em) {
        this.em = em;
    }

    /** Adds {@code members} to the candidate; returns those that were not members yet. */
    public List<Member> add(UUID candidateId, List<Member> members) {
        if (members.isEmpty()) {
            return List.of();
        }
        List<?> inserted = em.createNativeQuery("""
                insert into problem_candidate_incident (candidate_id, incident_id, opened_at)
                select cast(:candidate as uuid), m.incident_id, m.opened_at
                from unnest(cast(:ids as uuid[]), cast(:opened as timestamptz[])) as m(incident_id, opened_at)
                on conflict do nothing
                returning incident_id""")
                .setParameter("candidate", candidateId)
                .setParameter("ids", CandidateDetector.uuidArray(members.stream().map(Member::incidentId).toList()))
                .setParameter("opened", members.stream().map(m -> '"' + m.openedAt().toString() + '"')
                        .collect(Collectors.joining(",", "{", "}")))
                .getResultList();
        Set<UUID> added = inserted.stream().map(UUID.class::cast).collect(Collectors.toSet());
        return members.stream().filter(m -> added.contains(m.incidentId())).toList();
    }

    /** Removes every member of the candidate not in {@code keep}; returns how many left. */
    public int keepOnly(UUID candidateId, Collection<UUID> keep) {
        return em.createNativeQuery("""
                delete from problem_candidate_incident
                where candidate_id = :candidate and incident_id not in (select unnest(cast(:keep as uuid[])))""")
                .setParameter("candidate", candidateId)
                .setParameter("keep", CandidateDetector.uuidArray(keep))
                .executeUpdate();
    }

    /** The incidents of each of {@code candidateIds}, oldest first; a candidate without any is absent. */
    public Map<UUID, List<UUID>> of(Collection<UUID> candidateIds) {
        Map<UUID, List<UUID>> byCandidate = new LinkedHashMap<>();
        if (candidateIds.isEmpty()) {
            return byCandidate;
        }
        List<?> rows = em.createNativeQuery("""
                select candidate_id, incident_id from problem_candidate_incident
                where candidate_id in (select unnest(cast(:candidates as uuid[])))
                order by candidate_id, opened_at, incident_id""")
                .setParameter("candidates", CandidateDetector.uuidArray(candidateIds))
                .getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            byCandidate.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add((UUID) r[1]);
        }
        return byCandidate;
    }

    /** The incidents of one candidate, oldest first. */
    public List<UUID> of(UUID candidateId) {
        return of(List.of(candidateId)).getOrDefault(candidateId, List.of());
    }
}
