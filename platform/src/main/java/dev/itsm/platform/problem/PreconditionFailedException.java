package dev.itsm.platform.problem;

import java.util.List;
import java.util.Map;

/** 412: {@code If-Match} does not name the current version. */
public class PreconditionFailedException extends ProblemException {

    public PreconditionFailedException(String ifMatch, long currentVersion) {
        super(412, "precondition-failed", "Precondition failed",
                "If-Match " + ifMatch + " does not match the current version \"" + currentVersion + "\"",
                List.of(), Map.of("currentVersion", currentVersion));
    }
}
