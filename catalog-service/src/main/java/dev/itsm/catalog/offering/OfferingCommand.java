package dev.itsm.catalog.offering;

/** What can be done to an offering; {@link #wireName()} is the REST command ({@code POST …/offerings/{id}/<command>}). */
public enum OfferingCommand {
    PUBLISH("publish"),
    WITHDRAW("withdraw"),
    /** Field edits (PATCH); not a POST command, so never listed as one. */
    UPDATE("update");

    private final String wireName;

    OfferingCommand(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
