package dev.itsm.problemmanagement;

/** What can be done to a problem; {@link #wireName()} is the REST command ({@code POST …/{id}/<command>}). */
public enum Command {
    START_ANALYSIS("start-analysis"),
    RECORD_ROOT_CAUSE("record-root-cause"),
    PUBLISH_KNOWN_ERROR("publish-known-error"),
    PROPOSE_FIX("propose-fix"),
    RESOLVE("resolve"),
    REOPEN("reopen"),
    CLOSE("close"),
    CANCEL("cancel"),
    /** Field edits (PATCH). */
    UPDATE("update"),
    /** Linking and unlinking incidents ({@code …/{id}/incidents}). */
    LINK_INCIDENT("link-incident"),
    /** Linking a related change ({@code …/{id}/changes}). */
    LINK_CHANGE("link-change");

    private final String wireName;

    Command(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
