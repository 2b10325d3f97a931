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
    /** Field edits (PATCH); not listed among a change's {@code allowedCommands}. */
    UPDATE("update"),
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
        return this != UPDATE && this != LINK_INCIDENT;
    }
}
