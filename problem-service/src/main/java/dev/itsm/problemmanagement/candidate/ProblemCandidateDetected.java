package dev.itsm.problemmanagement.candidate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.platform.events.DomainEvent;

/**
 * A new recurrence candidate (key = candidateId): incidents of the window sharing a CI, a service or an upstream CI,
 * at or above the kind's threshold and linked to no problem. Published once per candidate; incidents that join an
 * OPEN candidate later show on {@code GET /api/v1/problems/candidates/{id}} without another event.
 */
public record ProblemCandidateDetected(UUID candidateId, CandidateKind kind, UUID keyId, String keyName,
        List<UUID> incidentIds, int incidentCount, Instant firstOpenedAt, Instant lastOpenedAt, Instant windowStart,
        CandidateState state, Instant detectedAt, Instant occurredAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return candidateId.toString();
    }

    @Override
    public String aggregateType() {
        return "ProblemCandidate";
    }
}
