package dev.itsm.sla.agreement;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Only ACTIVE agreements start new timers; running timers of a retired agreement run to the end. */
@Schema(name = "AgreementState")
public enum AgreementStatus {
    ACTIVE, RETIRED
}
