package dev.itsm.change.approval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.itsm.change.request.ChangeType;
import dev.itsm.platform.approval.LevelSpec;
import dev.itsm.platform.approval.LevelSpecs;
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
        config.forEach((key, spec) -> parsed.put(key.toLowerCase(Locale.ROOT), LevelSpecs.parse(key, spec)));
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
}
