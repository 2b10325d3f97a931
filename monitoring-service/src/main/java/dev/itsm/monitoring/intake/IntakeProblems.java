package dev.itsm.monitoring.intake;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The intake's own problem types; everything else is the platform's. */
final class IntakeProblems {

    private IntakeProblems() {
    }

    static ProblemException payloadTooLarge(long bytes, long max) {
        return new ProblemException(413, "payload-too-large", "Payload too large",
                "The body has " + bytes + " bytes; at most " + max + " are accepted: send fewer alerts per request",
                List.of(), Map.of("maxBodyBytes", max));
    }

    static ProblemException tooManyAlerts(int alerts, int max) {
        return new ProblemException(413, "too-many-alerts", "Too many alerts",
                "The request has " + alerts + " alerts; at most " + max + " are accepted per request",
                List.of(), Map.of("maxAlerts", max));
    }

    /** The request as a whole is not a payload of its format (422). */
    static ProblemException invalidPayload(List<Problem.FieldError> errors) {
        return new ProblemException(422, "invalid-payload", "Invalid payload",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid", errors, Map.of());
    }

    /** Every alert was rejected: nothing stored (422), with every alert's errors. */
    static ProblemException invalidAlerts(List<RejectedAlert> rejected) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (RejectedAlert r : rejected) {
            errors.addAll(r.errors());
        }
        return new ProblemException(422, "invalid-alerts", "Invalid alerts",
                "All " + rejected.size() + " alerts were rejected; nothing was stored", errors,
                Map.of("rejected", rejected));
    }
}
