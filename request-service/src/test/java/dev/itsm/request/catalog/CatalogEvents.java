package dev.itsm.request.catalog;

import static org.awaitility.Awaitility.await;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The catalogue's consumer-side events exactly as catalog-service publishes them (design §1: full facts, CloudEvents
 * through Kafka on itsm.catalog.events), and the replica as the tests look at it. Other request-service tests use
 * {@link #orderable} to get an offering they can order.
 */
public final class CatalogEvents {

    public static final String DATABASE = "itsm_request";
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A form for a laptop (GOODS, key laptop) and VPN access (ACCESS_TO_RESOURCES, key vpn): both answers required. */
    public static final Map<String, Object> LAPTOP_AND_VPN_FORM = Map.of(
            "$schema", "https://json-schema.org/draft/2020-12/schema",
            "type", "object",
            "required", List.of("laptop", "vpn"),
            "additionalProperties", false,
            "properties", Map.of(
                    "laptop", Map.of("type", "object", "required", List.of("model"), "additionalProperties", false,
                            "properties", Map.of(
                                    "model", Map.of("enum", List.of("standard-14", "performance-16")),
                                    "keyboard", Map.of("type", "string", "maxLength", 10))),
                    "vpn", Map.of("type", "object", "required", List.of("profile"),
                            "properties", Map.of("profile", Map.of("enum", List.of("staff", "admin")))),
                    "setup", Map.of("type", "object")));

    private CatalogEvents() {
    }

    /** Now on the services' clock (tests may move it). */
    public static Instant now() {
        return TestClock.INSTANCE.instant();
    }

    // ------------------------------------------------------------------ payloads

    public static Map<String, Object> component(String key, String kind, String description, String fulfilmentGroup,
            String accessPeriod) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("key", key);
        c.put("kind", kind);
        c.put("description", description);
        c.put("fulfilmentGroup", fulfilmentGroup);
        c.put("accessPeriod", accessPeriod);
        return c;
    }

    /** The three components the laptop form answers: a laptop (GOODS), VPN access, a setup action. */
    public static List<Map<String, Object>> laptopComponents() {
        return List.of(
                component("laptop", "GOODS", "Laptop", "hardware-desk", null),
                component("vpn", "ACCESS_TO_RESOURCES", "VPN access", null, "P30D"),
                component("setup", "SERVICE_ACTION", "Set-up at the desk", null, null));
    }

    public static Map<String, Object> cost(String amount, String currency, String period) {
        return Map.of("amount", Double.parseDouble(amount), "currency", currency, "period", period);
    }

    /** OfferingFacts as catalog-service publishes them (state and its older twin status). */
    public static Map<String, Object> offeringFacts(UUID offeringId, String name, String state, List<UUID> serviceIds,
            Map<String, Object> cost, Map<String, Object> requestForm, List<Map<String, Object>> components, Instant occurredAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offeringId", offeringId.toString());
        m.put("name", name);
        m.put("description", name + " for new starters");
        m.put("targetConsumerGroup", "staff");
        m.put("state", state);
        m.put("status", state);
        m.put("serviceIds", serviceIds.stream().map(UUID::toString).toList());
        m.put("components", components);
        m.put("cost", cost);
        m.put("requestForm", requestForm);
        m.put("publishedAt", "PUBLISHED".equals(state) ? occurredAt.toString() : null);
        m.put("withdrawnAt", "WITHDRAWN".equals(state) ? occurredAt.toString() : null);
        m.put("occurredAt", occurredAt.toString());
        m.put("changedFields", List.of());
        return m;
    }

    public static Map<String, Object> person(String subject, String... roles) {
        return Map.of("subject", subject, "displayName", subject.toUpperCase(), "roles", List.of(roles));
    }

    public static Map<String, Object> organisationFacts(UUID organisationId, String name, String state,
            List<Map<String, Object>> people, long version, Instant occurredAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("organisationId", organisationId.toString());
        m.put("name", name);
        m.put("description", null);
        m.put("parentId", null);
        m.put("state", state);
        m.put("people", people);
        m.put("version", version);
        m.put("occurredAt", occurredAt.toString());
        m.put("changedFields", List.of());
        return m;
    }

    public static Map<String, Object> level(String name, String rule, Integer quorum, String... approvers) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("name", name);
        l.put("rule", rule);
        l.put("quorum", quorum);
        l.put("approvers", List.of(approvers));
        return l;
    }

    public static Map<String, Object> relationshipFacts(UUID relationshipId, UUID organisationId, UUID offeringId,
            String sponsor, List<String> orderers, Instant validFrom, Instant validUntil, List<Map<String, Object>> levels,
            String state, long version, Instant occurredAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("relationshipId", relationshipId.toString());
        m.put("organisationId", organisationId.toString());
        m.put("offeringId", offeringId.toString());
        m.put("sponsor", sponsor);
        m.put("orderers", orderers);
        m.put("validFrom", validFrom == null ? null : validFrom.toString());
        m.put("validUntil", validUntil == null ? null : validUntil.toString());
        m.put("approvalLevels", levels);
        m.put("state", state);
        m.put("version", version);
        m.put("occurredAt", occurredAt.toString());
        m.put("changedFields", List.of());
        return m;
    }

    // ------------------------------------------------------------------ publishing

    /** Publishes the event and waits until request-service has taken it (applied or ignored); returns its ce_id. */
    public static String publishAndWait(String type, UUID key, Map<String, Object> payload) {
        String id = CloudEventPublisher.publish("catalog", type, key.toString(), payload);
        awaitProcessed(id);
        return id;
    }

    /**
     * A PUBLISHED offering (the laptop + VPN + setup components and form, free unless {@code cost} is given), an
     * ACTIVE organisation with {@code people}, and an ACTIVE relationship valid since an hour ago, all replicated.
     */
    public static Orderable orderable(Map<String, Object> cost, List<Map<String, Object>> people, String sponsor,
            List<String> orderers, List<Map<String, Object>> levels) {
        UUID offering = UUID.randomUUID();
        UUID organisation = UUID.randomUUID();
        UUID relationship = UUID.randomUUID();
        UUID service = UUID.randomUUID();
        Instant t = now();
        publishAndWait("OfferingPublished", offering, offeringFacts(offering, "New starter kit", "PUBLISHED",
                List.of(service), cost, LAPTOP_AND_VPN_FORM, laptopComponents(), t));
        publishAndWait("ConsumerOrganisationChanged", organisation,
                organisationFacts(organisation, "Finance " + organisation.toString().substring(0, 8), "ACTIVE", people, 1, t));
        publishAndWait("ServiceRelationshipChanged", relationship, relationshipFacts(relationship, organisation, offering,
                sponsor, orderers, t.minus(Duration.ofHours(1)), null, levels, "ACTIVE", 1, t));
        return new Orderable(offering, organisation, relationship, service);
    }

    /** What {@link #orderable} made. */
    public record Orderable(UUID offeringId, UUID organisationId, UUID relationshipId, UUID serviceId) {
    }

    /** Valid answers to {@link #LAPTOP_AND_VPN_FORM}. */
    public static Map<String, Object> validAnswers() {
        return Map.of("laptop", Map.of("model", "standard-14"), "vpn", Map.of("profile", "staff"));
    }

    // ------------------------------------------------------------------ database

    /** Waits until the consumer has taken the event (applied or ignored it). */
    public static void awaitProcessed(String eventId) {
        await().atMost(PATIENCE).until(() -> count("select count(*) from processed_event where event_id = ?", eventId) >= 1);
    }

    public static long count(String sql, Object... args) {
        Object v = value(sql, args);
        return v == null ? 0 : ((Number) v).longValue();
    }

    public static String text(String sql, Object... args) {
        Object v = value(sql, args);
        return v == null ? null : v.toString();
    }

    public static Object value(String sql, Object... args) {
        List<Object> row = row(sql, args);
        return row.isEmpty() ? null : row.get(0);
    }

    public static List<Object> row(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database(DATABASE), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Object> row = new ArrayList<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                }
                return row;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
