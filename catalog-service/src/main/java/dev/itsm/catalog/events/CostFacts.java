package dev.itsm.catalog.events;

import java.math.BigDecimal;

import dev.itsm.catalog.offering.Cost;
import dev.itsm.catalog.offering.CostPeriod;

/** What an offering costs, inside offering events (null when it costs nothing). */
public record CostFacts(BigDecimal amount, String currency, CostPeriod period) {

    public static CostFacts of(Cost cost) {
        return cost == null ? null : new CostFacts(cost.amount(), cost.currency(), cost.period());
    }
}
