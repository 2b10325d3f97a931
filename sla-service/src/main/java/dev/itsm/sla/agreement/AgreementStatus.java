package dev.itsm.sla.agreement;

/** Only ACTIVE agreements start new timers; running timers of a retired agreement run to the end. */
public enum AgreementStatus {
    ACTIVE, RETIRED
}
