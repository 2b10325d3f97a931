package dev.itsm.change.request;

/** What can be done to a change request; {@link #wireName()} is the REST command ({@code POST …/{id}/<command>}). */
public enum Command {
    SUBMIT("submit"),
    ASSESS("assess"),
    APPROVE("approve"),
    REJECT("reject"),
    SCHEDULE("schedule"),
    START("start"),
    COMPLETE("complete"),
    CLOSE("close"),
    CANCEL("cancel"),
    /**
     * A PATCH at all: moving the planned window, which is the schedule's business and re-checked
     * for conflicts when the change is SCHEDULED. Not listed among a change's {@code allowedCommands}.
     */
    UPDATE("update"),
    /**
     * A PATCH of the content (title, texts, plans, scope): only before submission, because from then
     * on the risk assessment and the approvers (or a STANDARD change's model) vouch for exactly that
     * content. Not listed either.
     */
    EDIT_CONTENT("edit-content"),
    /** Linking an incident (not listed either). */
    LINK_INCIDENT("link-incident");

    private final String wireName;

    Command(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The lifecycle commands a change response lists as {@code allowedCommands}. */
    public boolean isLifecycle() {
        return this != UPDATE && this != EDIT_CONTENT && this != LINK_INCIDENT;
    }
}
