package dev.itsm.change.approval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.itsm.change.request.ChangeType;
import dev.itsm.change.risk.Risk;

/**
 * Maps change type and risk to the sequence of approval levels (the change authority).
 * <p>
 * Configured as one entry per {@code <type>-<risk>} (or just {@code <type>} for every risk), e.g.
 * {@code normal-high = Technical review:ALL:tina,tom; CAB:QUORUM(2):carl,cora,cleo}: levels separated
 * by {@code ;}, each {@code name:RULE:approver,approver}. The most specific key wins; a type without
 * an entry needs no approval. STANDARD changes never consult the policy (pre-authorised).
 */
public final class ApprovalPolicy {

    private final Map<String, List<LevelSpec>> levelsByKey;

    private ApprovalPolicy(Map<String, List<LevelSpec>> levelsByKey) {
        this.levelsByKey = levelsByKey;
    }

    /** Parses the configuration map; throws {@link IllegalArgumentException} naming the bad entry. */
    public static ApprovalPolicy parse(Map<String, String> config) {
        Map<String, List<LevelSpec>> parsed = new LinkedHashMap<>();
        config.forEach((key, spec) -> parsed.put(key.toLowerCase(Locale.ROOT), parseLevels(key, spec)));
        return new ApprovalPolicy(parsed);
    }

    /** The levels a change of this type and risk must pass, in order (empty: no approval needed). */
    public List<LevelSpec> levelsFor(ChangeType type, Risk risk) {
        if (type == ChangeType.STANDARD) {
            return List.of();
        }
        String t = type.name().toLowerCase(Locale.ROOT);
        if (risk != null) {
            List<LevelSpec> specific = levelsByKey.get(t + "-" + risk.name().toLowerCase(Locale.ROOT));
            if (specific != null) {
                return specific;
            }
        }
        return levelsByKey.getOrDefault(t, List.of());
    }

    static List<LevelSpec> parseLevels(String key, String spec) {
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
                throw new IllegalArgumentException("approval policy " + key + ": level '" + part
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
                throw new IllegalArgumentException("approval policy " + key + ": level '" + name + "' has no approvers");
            }
            ApprovalRule rule;
            int quorum;
            if (ruleText.startsWith("QUORUM")) {
                rule = ApprovalRule.QUORUM;
                try {
                    quorum = Integer.parseInt(ruleText.substring("QUORUM".length()).replace("(", "").replace(")", "").trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("approval policy " + key + ": QUORUM needs a number, e.g. QUORUM(2)");
                }
                if (quorum < 1 || quorum > approvers.size()) {
                    throw new IllegalArgumentException("approval policy " + key + ": quorum " + quorum
                            + " must be between 1 and the number of approvers (" + approvers.size() + ")");
                }
            } else if (ruleText.equals("ANY")) {
                rule = ApprovalRule.ANY;
                quorum = 1;
            } else if (ruleText.equals("ALL")) {
                rule = ApprovalRule.ALL;
                quorum = approvers.size();
            } else {
                throw new IllegalArgumentException("approval policy " + key + ": rule must be ANY, ALL or QUORUM(n), not " + ruleText);
            }
            levels.add(new LevelSpec(name, rule, quorum, approvers));
        }
        return List.copyOf(levels);
    }
}
