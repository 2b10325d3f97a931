package dev.itsm.catalog.consumer;

/** What can be done to a consumer organisation; {@link #wireName()} is the REST command ({@code POST …/{id}/<command>}). */
public enum OrganisationCommand {
    DEACTIVATE("deactivate"),
    ACTIVATE("activate"),
    /** Field edits (PATCH) and changes of its people; not a POST command, so never listed as one. */
    UPDATE("update");

    private final String wireName;

    OrganisationCommand(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
