package dev.itsm.catalog.events;

import java.math.BigDecimal;

import dev.itsm.catalog.portfolio.SecurityClassification;
import dev.itsm.catalog.portfolio.Warranty;

/** Warranty of a service inside service events; null members are unknown. */
public record WarrantyFacts(BigDecimal availabilityTarget, String capacityNote,
        SecurityClassification securityClassification, String supportHours) {

    public static WarrantyFacts of(Warranty w) {
        return w == null ? null
                : new WarrantyFacts(w.availabilityTarget(), w.capacityNote(), w.securityClassification(), w.supportHours());
    }
}
