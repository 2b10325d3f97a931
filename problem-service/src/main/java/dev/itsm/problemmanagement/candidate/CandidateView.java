package dev.itsm.problemmanagement.candidate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A recurrence candidate as read. */
@Schema(name = "ProblemCandidateView", description = "Incidents of the sliding window sharing a CI, a service or an "
        + "upstream CI, not linked to any problem; version is its ETag")
public record CandidateView(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "5d6e7f80-9a1b-4c2d-8e3f-405162738495") UUID id,
        CandidateKind kind,
        @Schema(type = SchemaType.STRING, format = "uuid", description = "The shared CI or service",
                example = "9b2d4c6e-1a3f-4e5d-8c7b-0a1b2c3d4e5f") UUID keyId,
        @Schema(description = "Name of the CI from the catalogue replica (its id when unknown); 'service <id>' for a service",
                example = "payment-gateway-01") String keyName,
        CandidateState state,
        @Schema(description = "Commands accepted in the current state", example = "[\"accept\",\"dismiss\"]")
        List<String> allowedCommands,
        @Schema(description = "The candidate's first " + EMBEDDED + " incidents, oldest first (all of them, page by page: "
                + "GET /api/v1/problems/candidates/{id}/incidents); while OPEN only those not linked to a problem "
                + "(linking one elsewhere drops it here)", example = "[\"7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11\"]")
        List<UUID> incidentIds,
        @Schema(description = "How many incidents the candidate has (more than incidentIds holds when above "
                + EMBEDDED + ")", example = "3") int incidentCount,
        @Schema(description = "The incidents of incidentIds, from the incident replica") List<CandidateIncidentView> incidents,
        @Schema(type = SchemaType.STRING, format = "date-time", description = "When its oldest incident was opened")
        Instant firstOpenedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", description = "When its newest incident was opened; the "
                + "candidate expires when this leaves the window") Instant lastOpenedAt,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant detectedAt,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "ACCEPTED: the problem logged from it")
        UUID problemId,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true,
                description = "DISMISSED: no new candidate for this key before this instant") Instant dismissedUntil,
        @Schema(nullable = true, example = "alice", description = "Who accepted or dismissed it ('problem-service' when it expired)")
        String decidedBy,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant decidedAt,
        @Schema(nullable = true, description = "Why it was dismissed, or why it expired", example = "Planned load test")
        String decisionReason,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant updatedAt,
        @Schema(example = "1") long version) {

    /**
     * Incidents a view holds at most: a busy service's SERVICE candidate gathers thousands (one of 5,118 was 1.4 MB of
     * JSON); the rest are paged by {@code GET …/candidates/{id}/incidents}.
     */
    public static final int EMBEDDED = 50;

    /** An incident of a candidate, as the incident replica knows it. */
    @Schema(name = "ProblemCandidateIncidentView")
    public record CandidateIncidentView(
            @Schema(type = SchemaType.STRING, format = "uuid", example = "7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11") UUID incidentId,
            @Schema(nullable = true, example = "INC0001001") String number,
            @Schema(nullable = true, example = "Checkout fails with HTTP 502") String title,
            @Schema(example = "RESOLVED") String state,
            @Schema(nullable = true, example = "P2") String priority,
            @Schema(type = SchemaType.STRING, format = "uuid", nullable = true) UUID serviceId,
            @Schema(type = SchemaType.STRING, format = "uuid", nullable = true) UUID ciId,
            @Schema(type = SchemaType.STRING, format = "date-time") Instant openedAt) {
    }
}
