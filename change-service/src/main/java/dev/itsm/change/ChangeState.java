package dev.itsm.change;

/** Lifecycle states of a change request. CLOSED, CANCELED and REJECTED are final. */
public enum ChangeState {
    NEW, ASSESS, AUTHORIZE, SCHEDULED, IMPLEMENT, REVIEW, CLOSED, CANCELED, REJECTED;

    public boolean isFinal() {
        return this == CLOSED || this == CANCELED || this == REJECTED;
    }
}
