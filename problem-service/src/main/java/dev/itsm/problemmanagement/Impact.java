package dev.itsm.problemmanagement;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How much of the business a problem affects (as for incidents). */
@Schema(name = "ProblemImpact")
public enum Impact {
    HIGH, MEDIUM, LOW
}
