package dev.itsm.catalog.portfolio;

/** ITIL 4: a business service is consumed by customers; a technical service supports other services. */
public enum ServiceType {
    BUSINESS, TECHNICAL
}
