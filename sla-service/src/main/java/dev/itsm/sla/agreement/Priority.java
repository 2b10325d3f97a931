package dev.itsm.sla.agreement;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Incident priority (incident contract). */
@Schema(name = Priority.SCHEMA)
public enum Priority {
    P1, P2, P3, P4, P5;

    /**
     * The schema name, for views that keep the priority as the text they stored and refer to this schema
     * with {@code @Schema(ref = Priority.SCHEMA)} (an {@code implementation} on a String field does not yield a $ref).
     */
    public static final String SCHEMA = "SlaPriority";
}
