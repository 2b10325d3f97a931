package dev.itsm.catalog.ci;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a relation points at: another configuration item or a service of the portfolio. */
@Schema(name = "RelationTargetType", description = "A configuration item or a service of the portfolio")
public enum TargetType {
    CI, SERVICE
}
