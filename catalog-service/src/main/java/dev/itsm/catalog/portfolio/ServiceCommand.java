package dev.itsm.catalog.portfolio;

/** What can be done to a service; {@link #wireName()} is the REST command ({@code POST …/services/{id}/<command>}). */
public enum ServiceCommand {
    GO_LIVE("go-live"),
    RETIRE("retire"),
    /** Field edits (PATCH); not a POST command, so never listed as one. */
    UPDATE("update");

    private final String wireName;

    ServiceCommand(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
