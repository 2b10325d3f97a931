package dev.itsm.request.task;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a task does, by the kind of the offering component its item comes from. */
@Schema(name = "FulfilmentTaskType")
public enum TaskType {
    /** GOODS: ship or hand over (complete takes a tracking reference). */
    DELIVERY,
    /** ACCESS_TO_RESOURCES: set up the access; completing it creates the access grant. */
    ACCESS_PROVISIONING,
    /** SERVICE_ACTION: do the work. */
    WORK;

    public static TaskType forKind(String kind) {
        return switch (kind) {
            case "GOODS" -> DELIVERY;
            case "ACCESS_TO_RESOURCES" -> ACCESS_PROVISIONING;
            default -> WORK;
        };
    }
}
