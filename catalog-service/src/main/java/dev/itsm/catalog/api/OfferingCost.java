package dev.itsm.catalog.api;

import java.math.BigDecimal;
import java.util.Currency;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.offering.Cost;
import dev.itsm.catalog.offering.CostPeriod;
import dev.itsm.platform.problem.ValidationException;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

@Schema(name = "OfferingCost", description = "What ordering the offering costs; a cost needs the budget approval of the "
        + "ordering organisation's sponsor")
public record OfferingCost(
        @Schema(example = "1250.00", minimum = "0", description = "At most two decimals") @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal amount,
        @Schema(example = "EUR", pattern = "^[A-Z]{3}$", description = "ISO-4217 currency code") @NotNull @Pattern(regexp = "^[A-Z]{3}$") String currency,
        @Schema(example = "ONE_OFF") @NotNull CostPeriod period) {

    /** The domain value; a well-formed code that ISO-4217 does not know is a 400 naming cost.currency. */
    public Cost toDomain() {
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cost.currency", "is not an ISO-4217 currency code");
        }
        return new Cost(amount, currency, period);
    }

    public static OfferingCost of(Cost cost) {
        return cost == null ? null : new OfferingCost(cost.amount(), cost.currency(), cost.period());
    }
}
