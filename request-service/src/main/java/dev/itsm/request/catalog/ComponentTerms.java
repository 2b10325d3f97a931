package dev.itsm.request.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * One offering component as a request item is created from it: the request-service defaults are
 * already applied, and {@code answers} is the requester's answers for this component (or null).
 *
 * @param kind GOODS, ACCESS_TO_RESOURCES or SERVICE_ACTION
 * @param fulfilmentGroup the component's group, else {@code request.default-fulfilment-group}
 * @param accessPeriod for ACCESS_TO_RESOURCES the component's period, else {@code request.access.default-period};
 *                     null for other kinds
 */
public record ComponentTerms(String key, String kind, String description, String fulfilmentGroup,
        Duration accessPeriod, JsonNode answers) {
}
