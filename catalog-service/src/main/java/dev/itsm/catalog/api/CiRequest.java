package dev.itsm.catalog.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.ci.CiStatus;
import dev.itsm.catalog.ci.ConfigurationItem;
import dev.itsm.platform.problem.ValidationException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(name = "ConfigurationItemRequest", description = "A configuration item")
public record CiRequest(
        @Schema(example = "mail-db-01") @NotBlank @Size(max = 200) String name,
        @Schema(description = "server, application, database, network, endpoint, …", example = "database")
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9_-]{0,49}", message = "must be 1-50 lower-case letters, digits, '_' or '-', starting with a letter") String ciClass,
        @Schema(example = "production") @NotBlank @Size(max = 50) String environment,
        @Schema(description = "ACTIVE when omitted") CiStatus state,
        @Schema(deprecated = true, description = "Same as state; kept for existing clients (sending both, they must agree)") CiStatus status,
        @Schema(description = "Free attributes (a JSON object)", example = "{\"vendor\":\"PostgreSQL\",\"version\":\"15\"}")
        @Size(max = 100) Map<String, Object> attributes) {

    /** The facts to store; {@code state} and its older name {@code status} are one field, so they must agree. */
    public ConfigurationItem.Facts facts() {
        if (state != null && status != null && state != status) {
            throw new ValidationException("state", "differs from status (its older name): send one of them");
        }
        CiStatus chosen = state != null ? state : status;
        return new ConfigurationItem.Facts(name, ciClass, environment, chosen == null ? CiStatus.ACTIVE : chosen,
                attributes == null ? Map.of() : attributes);
    }

    public static CiRequest of(ConfigurationItem ci) {
        return new CiRequest(ci.name(), ci.ciClass(), ci.environment(), ci.status(), ci.status(), ci.attributes());
    }
}
