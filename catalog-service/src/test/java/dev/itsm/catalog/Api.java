package dev.itsm.catalog;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Request helpers shared by the catalog's REST tests. */
public final class Api {

    public static final String PROBLEM = "application/problem+json";
    public static final String BASE = "/api/v1/catalog";
    private static final String ADMIN_TOKEN = TestTokens.bearer("carla", Roles.CATALOG_ADMIN);
    private static final String READER_TOKEN = TestTokens.bearer("rita", Roles.READER);
    private static final String REQUESTER_TOKEN = TestTokens.bearer("quentin", Roles.REQUESTER);

    private Api() {
    }

    /** A catalog administrator. */
    public static RequestSpecification admin() {
        return given().header("Authorization", ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    /** A plain reader. */
    public static RequestSpecification reader() {
        return given().header("Authorization", READER_TOKEN).contentType(ContentType.JSON);
    }

    /** A requester (itsm-requester): reads offerings and their forms, nothing else of the catalogue. */
    public static RequestSpecification requester() {
        return given().header("Authorization", REQUESTER_TOKEN).contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> service(String key, List<String> dependsOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("name", "Service " + key);
        body.put("type", "BUSINESS");
        body.put("owner", "team-" + key);
        body.put("utility", "does " + key);
        body.put("warranty", Map.of("availabilityTarget", 99.9, "securityClassification", "INTERNAL", "supportHours", "24x7"));
        body.put("dependsOn", dependsOn);
        return body;
    }

    public static String createService(String key, String... dependsOn) {
        return admin().body(service(key, List.of(dependsOn))).post(BASE + "/services")
                .then().statusCode(201).extract().path("id");
    }

    public static String liveService(String key, String... dependsOn) {
        String id = createService(key, dependsOn);
        admin().post(BASE + "/services/" + id + "/go-live").then().statusCode(200);
        return id;
    }

    public static String createCi(String name, String ciClass) {
        return admin().body(Map.of("name", name, "ciClass", ciClass, "environment", "production"))
                .post(BASE + "/cis").then().statusCode(201).extract().path("id");
    }

    /** source <relation> target (a CI). */
    public static String relate(String sourceId, String relation, String targetType, String targetId) {
        return admin().body(Map.of("relation", relation, "targetType", targetType, "targetId", targetId))
                .post(BASE + "/cis/" + sourceId + "/relations").then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> offering(String name, List<String> serviceIds) {
        return Map.of("name", name, "targetConsumerGroup", "all-employees", "serviceIds", serviceIds,
                "components", List.of(Map.of("key", "mailbox", "kind", "ACCESS_TO_RESOURCES", "description", "Mailbox"),
                        Map.of("key", "password-reset", "kind", "SERVICE_ACTION", "description", "Password reset")));
    }
}
