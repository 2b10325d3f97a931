package dev.itsm.catalog.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.ci.CiStatus;

/**
 * The body of a configuration item PATCH as a client sees it (JSON merge patch, RFC 7396). The
 * server merges it onto {@link CiRequest} and validates the result with that record's rules.
 */
@Schema(name = "ConfigurationItemPatch", description = "JSON merge patch of a configuration item: absent fields stay "
        + "unchanged; attributes merge member by member (a member set to null is removed).")
public record CiPatch(
        @Schema(example = "mail-db-01") String name,
        @Schema(example = "database") String ciClass,
        @Schema(example = "production") String environment,
        CiStatus state,
        @Schema(deprecated = true, description = "Same as state; kept for existing clients") CiStatus status,
        @Schema(nullable = true, description = "Members to set; null removes a member, null as a whole removes all",
                example = "{\"version\":\"16\",\"cores\":null}") Map<String, Object> attributes) {
}
