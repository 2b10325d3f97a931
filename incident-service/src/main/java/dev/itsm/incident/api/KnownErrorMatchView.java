package dev.itsm.incident.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.knownerror.KnownErrorMatch;

/** An ACTIVE known error of problem management that matches the incident's CI or service. */
@Schema(name = "IncidentKnownError", description = "An ACTIVE known error (problem-service) matching the incident's "
        + "configuration item or service, from the local replica fed by itsm.problem.events")
public record KnownErrorMatchView(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "5d0c8f3e-2b7a-4c1d-9e6f-8a9b0c1d2e3f") UUID knownErrorId,
        @Schema(example = "KE0001000") String number,
        @Schema(type = SchemaType.STRING, format = "uuid", example = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") UUID problemId,
        @Schema(example = "PRB0001000") String problemNumber,
        @Schema(example = "Checkout times out when the payment gateway pool is exhausted") String title,
        @Schema(example = "Restart the payment-gateway pods; retry the checkout") String workaround,
        @Schema(description = "CI: the known error names the incident's configuration item; SERVICE: only its service. "
                + "CI matches come first", example = "CI") KnownErrorMatch.MatchedOn matchedOn) {

    public static KnownErrorMatchView of(KnownErrorMatch m) {
        return new KnownErrorMatchView(m.knownError().id(), m.knownError().number(), m.knownError().problemId(),
                m.knownError().problemNumber(), m.knownError().title(), m.knownError().workaround(), m.matchedOn());
    }
}
