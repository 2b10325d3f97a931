package dev.itsm.request;

/** What can be done to a service request; {@link #wireName()} is the REST command ({@code POST …/{id}/<command>}). */
public enum Command {
    APPROVE("approve"),
    REJECT("reject"),
    REQUEST_INFO("request-info"),
    PROVIDE_INFO("provide-info"),
    CANCEL("cancel"),
    CLOSE("close");

    private final String wireName;

    Command(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
