package dev.itsm.sla.agreement;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Incident states an agreement may pause its clocks in (RESOLVED stops, CANCELED cancels, CLOSED ends). */
@Schema(name = "AgreementPausingState")
public enum PausingState {
    NEW, IN_PROGRESS, ON_HOLD
}
