package dev.itsm.problemmanagement.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.problemmanagement.ChangeRelation;
import dev.itsm.platform.events.DomainEvent;

/**
 * Facts published on {@code itsm.problem.events} (key = problemId). Each payload is the problem's
 * {@link ProblemFacts} (flattened into the top level) plus the fields particular to the event.
 */
public sealed interface ProblemEvent extends DomainEvent {

    ProblemFacts facts();

    @Override
    default String aggregateId() {
        return facts().problemId().toString();
    }

    @Override
    default Instant occurredAt() {
        return facts().occurredAt();
    }

    @Override
    default String aggregateType() {
        return "Problem";
    }

    /** {@code candidateId}: the recurrence candidate it was accepted from, if any. */
    record ProblemLogged(@JsonUnwrapped ProblemFacts facts, UUID candidateId) implements ProblemEvent {
    }

    /** Published facts changed by a PATCH; {@code changedFields} names them. */
    record ProblemUpdated(@JsonUnwrapped ProblemFacts facts, List<String> changedFields) implements ProblemEvent {
    }

    record ProblemAnalysisStarted(@JsonUnwrapped ProblemFacts facts) implements ProblemEvent {
    }

    record RootCauseIdentified(@JsonUnwrapped ProblemFacts facts) implements ProblemEvent {
    }

    /** {@code automatic}: linked by the service (a matching incident during fix verification), not by a person. */
    record ProblemIncidentLinked(@JsonUnwrapped ProblemFacts facts, UUID incidentId, String incidentNumber,
            boolean automatic) implements ProblemEvent {
    }

    /**
     * More of the incidents a problem was logged with: {@code ProblemLogged}'s {@code linkedIncidentIds} names the
     * first {@link dev.itsm.problemmanagement.Problem#LISTED_INCIDENT_IDS} (by id), these the next ones each, in id
     * order, published right after it in the same transaction. Like {@code ProblemLogged}'s, no
     * {@code ProblemIncidentLinked} is published for them.
     */
    record ProblemIncidentsLinked(@JsonUnwrapped ProblemFacts facts, List<UUID> incidentIds) implements ProblemEvent {
    }

    record ProblemIncidentUnlinked(@JsonUnwrapped ProblemFacts facts, UUID incidentId, String incidentNumber,
            boolean automatic) implements ProblemEvent {
    }

    record ProblemChangeLinked(@JsonUnwrapped ProblemFacts facts, UUID changeId, String changeNumber,
            ChangeRelation relation) implements ProblemEvent {
    }

    /** The fix change was canceled or rejected while the fix was in progress: back to KNOWN_ERROR. */
    record ProblemFixAbandoned(@JsonUnwrapped ProblemFacts facts, UUID changeId, String changeState) implements ProblemEvent {
    }

    /** The fix change is implemented: FIX_VERIFICATION until {@code verificationEndsAt}. */
    record ProblemResolved(@JsonUnwrapped ProblemFacts facts, UUID changeId) implements ProblemEvent {
    }

    /** The verification period ended with no recurrence (followed by {@link ProblemClosed}). */
    record ProblemFixVerified(@JsonUnwrapped ProblemFacts facts) implements ProblemEvent {
    }

    /** {@code incidentId}: the matching incident that reopened it ({@code automatic}), null for the command. */
    record ProblemReopened(@JsonUnwrapped ProblemFacts facts, String reason, UUID incidentId, boolean automatic)
            implements ProblemEvent {
    }

    record ProblemClosed(@JsonUnwrapped ProblemFacts facts) implements ProblemEvent {
    }

    record ProblemCanceled(@JsonUnwrapped ProblemFacts facts, String reason) implements ProblemEvent {
    }

    /** A known error published or revised (same knownErrorId, revision + 1). */
    record KnownErrorPublished(@JsonUnwrapped ProblemFacts facts, KnownErrorFacts knownError) implements ProblemEvent {
    }

    /** The known error no longer applies: its problem closed or was canceled. */
    record KnownErrorRetired(@JsonUnwrapped ProblemFacts facts, KnownErrorFacts knownError, String reason)
            implements ProblemEvent {
    }
}
