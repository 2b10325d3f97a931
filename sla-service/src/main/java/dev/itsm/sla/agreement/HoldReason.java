package dev.itsm.sla.agreement;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an incident is ON_HOLD (incident contract). */
@Schema(name = "AgreementHoldReason")
public enum HoldReason {
    AWAITING_CALLER, AWAITING_VENDOR, AWAITING_CHANGE
}
