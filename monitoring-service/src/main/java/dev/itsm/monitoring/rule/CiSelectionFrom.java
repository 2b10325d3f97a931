package dev.itsm.monitoring.rule;

/** Where a rule takes an alert's CI from. */
public enum CiSelectionFrom {
    /** The value of a label is the CI's name or id. */
    LABEL,
    /** Always the same CI ({@code name}). */
    FIXED,
    /** {@code table[labels[label]]}, else {@code default}. */
    LOOKUP
}
