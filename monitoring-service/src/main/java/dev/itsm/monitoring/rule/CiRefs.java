package dev.itsm.monitoring.rule;

import java.util.UUID;

/** A CI named by an alert: a UUID is taken as the CI's id, anything else as its name. */
final class CiRefs {

    private CiRefs() {
    }

    static CiRef of(String nameOrId) {
        if (nameOrId == null || nameOrId.isBlank()) {
            return CiRef.NONE;
        }
        String v = nameOrId.trim();
        if (v.length() == 36) {
            try {
                return new CiRef(UUID.fromString(v), null);
            } catch (IllegalArgumentException notAnId) {
                // a 36-character name
            }
        }
        return new CiRef(null, v);
    }
}
