package dev.itsm.catalog.ci;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a CI (the source) relates to its target: {@code source runs_on target}, {@code source
 * depends_on target}, {@code source hosts target}. On the wire and in the database the lower-case
 * names are used.
 */
public enum RelationType {
    @JsonProperty("runs_on")
    RUNS_ON("runs_on", false),
    @JsonProperty("depends_on")
    DEPENDS_ON("depends_on", false),
    @JsonProperty("hosts")
    HOSTS("hosts", true);

    private final String wire;
    private final boolean impactFlowsToTarget;

    RelationType(String wire, boolean impactFlowsToTarget) {
        this.wire = wire;
        this.impactFlowsToTarget = impactFlowsToTarget;
    }

    public String wire() {
        return wire;
    }

    /**
     * Direction of impact: when the target of {@code runs_on}/{@code depends_on} fails, the
     * source is impacted; when the source of {@code hosts} fails, its target is impacted.
     */
    public boolean impactFlowsToTarget() {
        return impactFlowsToTarget;
    }

    public static RelationType fromWire(String wire) {
        for (RelationType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown relation " + wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
