package dev.itsm.problemmanagement.knownerror;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whether a known error still applies: ACTIVE while its problem is open, RETIRED once it closed or was canceled. */
@Schema(name = "KnownErrorState")
public enum KnownErrorState {
    ACTIVE, RETIRED
}
