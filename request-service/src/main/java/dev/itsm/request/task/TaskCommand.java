package dev.itsm.request.task;

/** What a fulfiller does to a task ({@code POST /api/v1/requests/tasks/{taskId}/<command>}). */
public enum TaskCommand {
    START("start"),
    COMPLETE("complete"),
    FAIL("fail"),
    RETRY("retry");

    private final String wireName;

    TaskCommand(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
