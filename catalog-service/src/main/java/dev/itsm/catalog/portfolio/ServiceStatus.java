package dev.itsm.catalog.portfolio;

import java.util.List;

/**
 * Where a service is in the service portfolio: PIPELINE (being designed) → LIVE (in the catalogue,
 * accepts incidents) → RETIRED. A pipeline service may also be retired without ever going live.
 */
public enum ServiceStatus {
    PIPELINE, LIVE, RETIRED;

    public static final String GO_LIVE = "go-live";
    public static final String RETIRE = "retire";

    /** Commands allowed in this status, as their URL names. */
    public List<String> allowedCommands() {
        return switch (this) {
            case PIPELINE -> List.of(GO_LIVE, RETIRE);
            case LIVE -> List.of(RETIRE);
            case RETIRED -> List.of();
        };
    }

    public boolean allows(String command) {
        return allowedCommands().contains(command);
    }
}
