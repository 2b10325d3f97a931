package dev.itsm.monitoring.replica;

import java.util.UUID;

/** The incident incident-service opened for an alert group, as its events told us. */
public record IncidentLink(UUID groupId, UUID incidentId, String number, String state) {}
