package dev.itsm.catalog.offering;

import java.util.List;

/** DRAFT → PUBLISHED → WITHDRAWN (a draft may also be withdrawn without ever being published). */
public enum OfferingStatus {
    DRAFT, PUBLISHED, WITHDRAWN;

    public static final String PUBLISH = "publish";
    public static final String WITHDRAW = "withdraw";
    public static final String UPDATE = "update";

    public List<String> allowedCommands() {
        return switch (this) {
            case DRAFT -> List.of(UPDATE, PUBLISH, WITHDRAW);
            case PUBLISHED -> List.of(UPDATE, WITHDRAW);
            case WITHDRAWN -> List.of();
        };
    }

    public boolean allows(String command) {
        return allowedCommands().contains(command);
    }
}
