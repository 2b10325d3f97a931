package dev.itsm.change.request;

/** How a change ended, recorded by {@code close}. */
public enum CloseCode {
    SUCCESSFUL, SUCCESSFUL_WITH_ISSUES, UNSUCCESSFUL, BACKED_OUT
}
