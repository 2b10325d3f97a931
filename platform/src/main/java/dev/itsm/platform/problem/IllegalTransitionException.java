package dev.itsm.platform.problem;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 409: the command is not allowed in the aggregate's current state. */
public class IllegalTransitionException extends ProblemException {

    public IllegalTransitionException(String aggregate, Object currentState, String command,
            Collection<String> allowedCommands) {
        super(409, "illegal-transition", "Command not allowed in the current state",
                "Cannot " + command + " " + aggregate + " in state " + currentState
                        + "; allowed: " + (allowedCommands.isEmpty() ? "none (final state)" : String.join(", ", allowedCommands)),
                List.of(), extensions(currentState, command, allowedCommands));
    }

    private static Map<String, Object> extensions(Object state, String command, Collection<String> allowed) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("currentState", String.valueOf(state));
        ext.put("command", command);
        ext.put("allowedCommands", List.copyOf(allowed));
        return ext;
    }
}
