package dev.itsm.problemmanagement.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.problemmanagement.knownerror.KnownError;
import dev.itsm.problemmanagement.knownerror.KnownErrorState;

@Schema(name = "KnownErrorView", description = "An entry of the known-error database: symptoms, workaround, root cause")
public record KnownErrorView(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "4d5e6f70-8192-4a3b-9c4d-5e6f708192a3") UUID id,
        @Schema(example = "KE0001000") String number,
        @Schema(type = SchemaType.STRING, format = "uuid", description = "The problem it belongs to") UUID problemId,
        @Schema(example = "Checkout 502 under peak load") String title,
        @Schema(example = "Checkout answers HTTP 502 after about 30 s") String symptoms,
        @Schema(example = "Restart the payment-gateway pods") String workaround,
        @Schema(nullable = true) String rootCause,
        List<UUID> serviceIds,
        List<UUID> ciIds,
        KnownErrorState state,
        @Schema(description = "1 for the first publication, + 1 per revision", example = "1") int revision,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant publishedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant retiredAt,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant updatedAt,
        @Schema(description = "Version of the entry", example = "1") long version) {

    public static KnownErrorView of(KnownError k) {
        return new KnownErrorView(k.id(), k.number(), k.problemId(), k.title(), k.symptoms(), k.workaround(), k.rootCause(),
                k.serviceIds(), k.ciIds(), k.status(), k.revision(), k.publishedAt(), k.retiredAt(), k.updatedAt(),
                k.version());
    }
}
