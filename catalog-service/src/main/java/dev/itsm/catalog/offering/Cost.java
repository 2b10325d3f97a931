package dev.itsm.catalog.offering;

import java.math.BigDecimal;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * What ordering an offering costs: an amount (two decimals) in an ISO-4217 currency, once or per period.
 * An offering with a cost needs the budget approval of the ordering organisation's sponsor.
 */
@Embeddable
public class Cost {

    @Column(name = "cost_amount")
    private BigDecimal amount;

    @Column(name = "cost_currency")
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(name = "cost_period")
    private CostPeriod period;

    protected Cost() {
    }

    public Cost(BigDecimal amount, String currency, CostPeriod period) {
        this.amount = amount;
        this.currency = currency;
        this.period = period;
    }

    public BigDecimal amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public CostPeriod period() {
        return period;
    }

    /** Equal amounts compare by value: 12.5 sent by a client is the 12.50 read back from the database. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Cost c && (amount == null ? c.amount == null : c.amount != null && amount.compareTo(c.amount) == 0)
                && Objects.equals(c.currency, currency) && c.period == period;
    }

    @Override
    public int hashCode() {
        return Objects.hash(amount == null ? null : amount.stripTrailingZeros(), currency, period);
    }
}
