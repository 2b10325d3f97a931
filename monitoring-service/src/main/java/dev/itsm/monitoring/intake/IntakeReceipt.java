package dev.itsm.monitoring.intake;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an accepted intake request (202): how many alerts were queued and which were not, and why. */
@Schema(name = "IntakeReceipt", description = "Alerts accepted for processing (queued durably) and those rejected.",
        example = """
                {"accepted":2,"rejected":[{"index":2,"fingerprint":"1a30ba71cca2921f",
                 "errors":[{"field":"/alerts/2/startsAt","message":"is required"}]}]}""")
public record IntakeReceipt(
        @Schema(description = "Alerts written to the intake queue; processing is asynchronous", example = "2",
                required = true) int accepted,
        @Schema(description = "One entry per rejected alert (the others were accepted)", required = true)
        List<RejectedAlert> rejected) {
}
