package dev.itsm.change.request;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a change ended, recorded by {@code close}. */
@Schema(name = "ChangeCloseCode")
public enum CloseCode {
    SUCCESSFUL, SUCCESSFUL_WITH_ISSUES, UNSUCCESSFUL, BACKED_OUT
}
