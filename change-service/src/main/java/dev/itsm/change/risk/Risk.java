package dev.itsm.change.risk;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Outcome of a risk assessment. */
@Schema(name = "ChangeRisk")
public enum Risk {
    LOW, MEDIUM, HIGH
}
