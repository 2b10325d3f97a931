package dev.itsm.monitoring.rule;

import java.util.UUID;

/** The CI an alert is about, as the rule found it: by id, by name, or both; both null = no CI. */
public record CiRef(UUID id, String name) {

    public static final CiRef NONE = new CiRef(null, null);

    public boolean isEmpty() {
        return id == null && (name == null || name.isBlank());
    }
}
