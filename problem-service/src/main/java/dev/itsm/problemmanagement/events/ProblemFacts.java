package dev.itsm.problemmanagement.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.problemmanagement.Impact;
import dev.itsm.problemmanagement.Priority;
import dev.itsm.problemmanagement.ProblemState;
import dev.itsm.problemmanagement.Urgency;

/**
 * The current facts of a problem that every {@link ProblemEvent} payload carries (unwrapped). {@code linkedIncidentIds}
 * names at most {@link dev.itsm.problemmanagement.Problem#LISTED_INCIDENT_IDS} of the linked incidents (the first by id),
 * {@code linkedIncidentCount} counts them all.
 */
public record ProblemFacts(
        UUID problemId,
        String number,
        String title,
        String description,
        List<UUID> serviceIds,
        List<UUID> ciIds,
        Impact impact,
        Urgency urgency,
        Priority priority,
        ProblemState state,
        String assignmentGroup,
        String assignee,
        String rootCauseCategory,
        String rootCauseAnalysis,
        String workaround,
        UUID knownErrorId,
        UUID fixChangeId,
        List<UUID> linkedIncidentIds,
        int linkedIncidentCount,
        List<UUID> linkedChangeIds,
        Instant verificationEndsAt,
        int reopenCount,
        String loggedBy,
        Instant loggedAt,
        long version,
        Instant occurredAt) {
}
