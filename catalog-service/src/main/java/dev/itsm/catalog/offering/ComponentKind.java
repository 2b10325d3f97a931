package dev.itsm.catalog.offering;

/** What an offering is made of (ITIL 4): goods (ownership transferred), access to resources, service actions. */
public enum ComponentKind {
    GOODS, ACCESS_TO_RESOURCES, SERVICE_ACTION
}
