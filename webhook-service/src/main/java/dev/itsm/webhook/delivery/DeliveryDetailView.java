package dev.itsm.webhook.delivery;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A delivery with every attempt it took ({@code attempts} is their count, {@code attemptLog} the attempts). */
@Schema(name = "DeliveryDetailView")
public record DeliveryDetailView(
        @Schema(description = "The delivery") DeliveryView delivery,
        @Schema(description = "Its attempts, first first") List<AttemptView> attemptLog) {
}
