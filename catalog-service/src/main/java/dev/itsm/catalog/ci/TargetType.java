package dev.itsm.catalog.ci;

/** What a relation points at: another configuration item or a service of the portfolio. */
public enum TargetType {
    CI, SERVICE
}
