package dev.itsm.platform.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of a sequence of approval levels, as change-service's approval policy and
 * request-service's configured levels write them.
 */
public final class LevelSpecs {

    private LevelSpecs() {
    }

    /**
     * Parses {@code name:RULE:approver,approver; name:RULE:…} (RULE = ANY, ALL or QUORUM(n)); blank or
     * {@code none} = no levels. {@code key} names the configuration entry in error messages.
     *
     * @throws IllegalArgumentException naming the entry and the bad level
     */
    public static List<LevelSpec> parse(String key, String spec) {
        List<LevelSpec> levels = new ArrayList<>();
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("none")) {
            return levels;
        }
        for (String raw : spec.split(";")) {
            String part = raw.trim();
            if (part.isEmpty()) {
                continue;
            }
            String[] fields = part.split(":");
            if (fields.length != 3) {
                throw new IllegalArgumentException("approval levels " + key + ": level '" + part
                        + "' must be name:RULE:approver,approver");
            }
            String name = fields[0].trim();
            String ruleText = fields[1].trim().toUpperCase(Locale.ROOT);
            List<String> approvers = new ArrayList<>();
            for (String a : fields[2].split(",")) {
                if (!a.isBlank()) {
                    approvers.add(a.trim());
                }
            }
            if (approvers.isEmpty()) {
                throw new IllegalArgumentException("approval levels " + key + ": level '" + name + "' has no approvers");
            }
            ApprovalRule rule;
            int quorum;
            if (ruleText.startsWith("QUORUM")) {
                rule = ApprovalRule.QUORUM;
                try {
                    quorum = Integer.parseInt(ruleText.substring("QUORUM".length()).replace("(", "").replace(")", "").trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("approval levels " + key + ": QUORUM needs a number, e.g. QUORUM(2)");
                }
                if (quorum < 1 || quorum > approvers.size()) {
                    throw new IllegalArgumentException("approval levels " + key + ": quorum " + quorum
                            + " must be between 1 and the number of approvers (" + approvers.size() + ")");
                }
            } else if (ruleText.equals("ANY")) {
                rule = ApprovalRule.ANY;
                quorum = 1;
            } else if (ruleText.equals("ALL")) {
                rule = ApprovalRule.ALL;
                quorum = approvers.size();
            } else {
                throw new IllegalArgumentException("approval levels " + key + ": rule must be ANY, ALL or QUORUM(n), not " + ruleText);
            }
            levels.add(new LevelSpec(name, rule, quorum, approvers));
        }
        return List.copyOf(levels);
    }
}
