package dev.itsm.catalog.api;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.portfolio.SecurityClassification;
import dev.itsm.catalog.portfolio.Warranty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Size;

@Schema(name = "Warranty", description = "How well the service performs (ITIL 4 warranty: fit for use)")
public record WarrantyDto(
        @Schema(description = "Availability target in percent", example = "99.9") @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 3) BigDecimal availabilityTarget,
        @Schema(description = "Capacity commitment", example = "500 concurrent users") @Size(max = 500) String capacityNote,
        @Schema(description = "Security classification of the information handled") SecurityClassification securityClassification,
        @Schema(description = "When the service is supported", example = "24x7") @Size(max = 100) String supportHours) {

    public Warranty toDomain() {
        return new Warranty(availabilityTarget, capacityNote, securityClassification, supportHours);
    }

    public static WarrantyDto of(Warranty w) {
        return w == null ? null : new WarrantyDto(w.availabilityTarget(), w.capacityNote(), w.securityClassification(), w.supportHours());
    }
}
