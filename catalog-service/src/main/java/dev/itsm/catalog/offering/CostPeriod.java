package dev.itsm.catalog.offering;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How often an offering's cost is charged. */
@Schema(name = "OfferingCostPeriod")
public enum CostPeriod {
    ONE_OFF, MONTHLY, YEARLY
}
