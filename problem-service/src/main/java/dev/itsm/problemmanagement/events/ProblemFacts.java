package dev.itsm.problemmanagement.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.problemmanagement.Impact;
import dev.itsm.problemmanagement.Priority;
import dev.itsm.problemmanagement.ProblemState;
import dev.itsm.problemmanagement.Urgency;

/** The full current facts of a problem that every {@link ProblemEvent} payload carries (unwrapped). */
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
        List<UUID> linkedChangeIds,
        Instant verificationEndsAt,
        int reopenCount,
        String loggedBy,
        Instant loggedAt,
        long version,
        Instant occurredAt) {
}
