package dev.itsm.sla.agreement;

/** Service level agreement (with a customer), operational level agreement (internal team), underpinning contract (supplier). */
public enum AgreementType {
    SLA, OLA, UC
}
