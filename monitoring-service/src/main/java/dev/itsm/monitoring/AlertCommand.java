package dev.itsm.monitoring;

/** What a person can do to an alert; {@link #wireName()} is the REST command ({@code POST …/alerts/{id}/<command>}). */
public enum AlertCommand {
    ACKNOWLEDGE("acknowledge"),
    SUPPRESS("suppress"),
    UNSUPPRESS("unsuppress");

    private final String wireName;

    AlertCommand(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
