package dev.itsm.catalog.portfolio;

/** Warranty: how sensitive the information handled by the service is. */
public enum SecurityClassification {
    PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED
}
