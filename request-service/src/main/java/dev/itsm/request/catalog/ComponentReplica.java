package dev.itsm.request.catalog;

/**
 * One offering component as the catalogue states it (jsonb in {@code catalog_offering.components}).
 *
 * @param fulfilmentGroup null = request-service's default group
 * @param accessPeriod ISO-8601 duration or null (= request-service's default); ACCESS_TO_RESOURCES only
 */
public record ComponentReplica(String key, String kind, String description, String fulfilmentGroup, String accessPeriod) {
}
