package dev.itsm.incident;

/** What can be done to an incident; {@link #wireName()} is the REST command ({@code POST …/{id}/<command>}). */
public enum Command {
    ACKNOWLEDGE("acknowledge"),
    ASSIGN("assign"),
    HOLD("hold"),
    RESUME("resume"),
    RESOLVE("resolve"),
    REOPEN("reopen"),
    CLOSE("close"),
    CANCEL("cancel"),
    DECLARE_MAJOR("declare-major"),
    /** Field edits (PATCH). */
    UPDATE("update");

    private final String wireName;

    Command(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
