package dev.itsm.catalog.consumer;

/** What can be done to a service relationship; {@link #wireName()} is the REST command ({@code POST …/{id}/<command>}). */
public enum RelationshipCommand {
    TERMINATE("terminate"),
    /** Field edits (PATCH); not a POST command, so never listed as one. */
    UPDATE("update");

    private final String wireName;

    RelationshipCommand(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
