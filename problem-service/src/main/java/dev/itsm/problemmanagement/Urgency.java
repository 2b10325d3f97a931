package dev.itsm.problemmanagement;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How soon the problem must be dealt with (as for incidents). */
@Schema(name = "ProblemUrgency")
public enum Urgency {
    HIGH, MEDIUM, LOW
}
