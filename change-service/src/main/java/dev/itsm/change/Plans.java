package dev.itsm.change;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** How a change is implemented, backed out and tested: written on a change request, or pre-filled from its change model. */
@Embeddable
public record Plans(
        @Column(name = "implementation_plan") String implementation,
        @Column(name = "backout_plan") String backout,
        @Column(name = "test_plan") String test) {

    public static final Plans NONE = new Plans(null, null, null);

    /** These plans, each one not written taken from {@code defaults}. */
    public Plans orElse(Plans defaults) {
        return new Plans(implementation != null ? implementation : defaults.implementation(),
                backout != null ? backout : defaults.backout(), test != null ? test : defaults.test());
    }

    /** Hibernate maps an embedded value whose columns are all null to null. */
    public static Plans orNone(Plans plans) {
        return plans == null ? NONE : plans;
    }
}
