package dev.itsm.change.request;

/** The three ITIL change types. */
public enum ChangeType {
    /** Pre-authorised, low-risk, instantiated from a change model; skips ASSESS and AUTHORIZE. */
    STANDARD,
    /** Assessed and authorised by the change authority the approval policy names. */
    NORMAL,
    /** Must be implemented as soon as possible; authorised by the emergency change authority. */
    EMERGENCY
}
