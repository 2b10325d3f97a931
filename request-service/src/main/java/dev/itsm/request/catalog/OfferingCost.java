package dev.itsm.request.catalog;

import java.math.BigDecimal;

/** What an offering costs, as the catalogue states it; a non-null cost adds the sponsor's budget level. */
public record OfferingCost(BigDecimal amount, String currency, String period) {
}
