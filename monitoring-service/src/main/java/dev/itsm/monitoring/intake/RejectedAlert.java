package dev.itsm.monitoring.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.platform.problem.Problem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One alert of a request that was not accepted. */
@Schema(name = "RejectedAlert", description = "An alert of the request that was not accepted, with every reason.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RejectedAlert(
        @Schema(description = "Position of the alert in the request (in `alerts` for Alertmanager, in the array otherwise)",
                example = "2", required = true) int index,
        @Schema(description = "The alert's fingerprint or dedupKey, when it could be read", example = "1a30ba71cca2921f")
        String fingerprint,
        @Schema(description = "What is wrong; `field` is a JSON pointer into the request body", required = true)
        List<Problem.FieldError> errors) {
}
