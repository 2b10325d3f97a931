package dev.itsm.systemtests;

import static dev.itsm.systemtests.Suite.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.ReservedClaimNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.deploy.TokenSigner;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.TopicReader;
import io.restassured.response.Response;

/** Fuzzing from the merged OpenAPI document, the auth matrix, concurrency, rate limits, poison events. */
@Order(2)
class HostileInputTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static JsonNode openapi;
    static OpenApiFuzzer fuzzer;

    @BeforeAll
    static void document() throws Exception {
        Suite.stack();
        // make sure there are real resources to aim at
        ScenariosTest.liveServiceWithCi("fuzz-target");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(Suite.gateway() + "/openapi")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "merged OpenAPI at the gateway");
        openapi = OpenApiFuzzer.JSON.readTree(r.body());
        fuzzer = new OpenApiFuzzer(openapi, realIds());
    }

    /** First ids of every list endpoint, so that fuzzing also hits existing resources. */
    static Map<String, List<String>> realIds() throws Exception {
        Map<String, List<String>> ids = new HashMap<>();
        String admin = Suite.token("fuzz-admin", "itsm-admin");
        for (var it = openapi.path("paths").fieldNames(); it.hasNext();) {
            String path = it.next();
            if (path.contains("{") || !openapi.path("paths").path(path).has("get") || !path.startsWith("/api/v1/")) {
                continue;
            }
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(Suite.gateway() + path + "?size=3"))
                    .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().startsWith("{")) {
                List<String> found = new ArrayList<>();
                for (JsonNode item : OpenApiFuzzer.JSON.readTree(r.body()).path("items")) {
                    if (item.hasNonNull("id")) {
                        found.add(item.get("id").asText());
                    }
                }
                ids.put(path, found);
            }
        }
        return ids;
    }

    static HttpResponse<String> send(OpenApiFuzzer.Case c, String token) throws Exception {
        StringBuilder url = new StringBuilder(Suite.gateway()).append(c.path());
        if (!c.query().isEmpty()) {
            url.append('?').append(c.query().entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&")));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        c.headers().forEach(b::header);
        if (c.body() != null) {
            b.header("Content-Type", c.contentType() == null ? "application/json" : c.contentType());
            b.method(c.method().toUpperCase(), HttpRequest.BodyPublishers.ofString(c.body()));
        } else {
            b.method(c.method().toUpperCase(), HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long total(String collection, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(Suite.gateway() + collection + "?size=1"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().startsWith("{")) {
            return -1;
        }
        JsonNode total = OpenApiFuzzer.JSON.readTree(r.body()).path("total");
        return total.isNumber() ? total.asLong() : -1;
    }

    /**
     * Enough to cover every parameter with every edge value; small enough for two shared cores. Raised from 15,000
     * for issue #20: monitoring-service's 22 operations (the alert list alone has a dozen filters) add 1,980 cases,
     * change-service's suspect alerts and incident-service's two new filters about 150, to the 14,193 before them.
     */
    static final int MAX_FUZZ_REQUESTS = 18_000;

    @Test
    void fuzzingEveryParameterOfEveryOperationWithEdgeValuesGivesNo5xxOnlyProblemJsonErrorsAndCreatesNothingWhenRejected()
            throws Exception {
        List<OpenApiFuzzer.Operation> operations = fuzzer.operations();
        assertTrue(operations.size() >= 40, "the merged document covers the services: " + operations.size());
        assertEquals(List.of(), fuzzer.servicesMissing(), "services missing from the gateway's merged document");
        Map<OpenApiFuzzer.Operation, List<OpenApiFuzzer.Case>> plan = new LinkedHashMap<>();
        int planned = 0;
        for (OpenApiFuzzer.Operation op : operations) {
            List<OpenApiFuzzer.Case> cases = fuzzer.cases(op);
            plan.put(op, cases);
            planned += cases.size();
        }
        assertTrue(planned <= MAX_FUZZ_REQUESTS, "the fuzzer stays bounded: " + planned + " requests planned");
        int sent = 0;
        int subject = 0;
        String token = Suite.token("fuzzer-0", "itsm-admin");
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        List<String> createdByRejected = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        long started = System.nanoTime();
        for (Map.Entry<OpenApiFuzzer.Operation, List<OpenApiFuzzer.Case>> entry : plan.entrySet()) {
            OpenApiFuzzer.Operation op = entry.getKey();
            boolean collectionPost = op.method().equals("post") && !op.template().contains("{");
            long before = collectionPost ? total(op.template(), token) : -1;
            int created = 0;
            for (OpenApiFuzzer.Case c : entry.getValue()) {
                if (sent > 0 && sent % 1500 == 0) {
                    token = Suite.token("fuzzer-" + (++subject), "itsm-admin"); // stay under the per-client rate limit
                }
                HttpResponse<String> r = send(c, token);
                sent++;
                byStatus.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() >= 500) {
                    serverErrors.add(r.statusCode() + " " + c.method().toUpperCase() + " " + abbreviate(c.path()) + " "
                            + abbreviate(c.query().toString()) + " " + abbreviate(c.headers().toString())
                            + " body=" + abbreviate(c.body()) + " -> " + abbreviate(r.body()));
                } else if (r.statusCode() >= 400 && !r.headers().firstValue("content-type").orElse("")
                        .startsWith("application/problem+json")) {
                    notProblems.add(r.statusCode() + " " + c.method().toUpperCase() + " " + abbreviate(c.path()) + " "
                            + abbreviate(c.query().toString()) + " content-type="
                            + r.headers().firstValue("content-type").orElse("none"));
                }
                if (r.statusCode() == 201 || (collectionPost && r.statusCode() == 200)) {
                    created++;
                }
            }
            if (collectionPost && before >= 0) {
                long after = total(op.template(), token);
                if (after - before != created) {
                    createdByRejected.add(op.id() + ": " + (after - before) + " new items but " + created + " successful creates");
                }
            }
        }
        System.out.printf("fuzz: %d requests over %d operations in %d s; by status %s%n", sent, operations.size(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), byStatus);
        assertEquals(List.of(), serverErrors.stream().limit(20).toList(), serverErrors.size() + " responses were 5xx");
        assertEquals(List.of(), notProblems.stream().limit(20).toList(), notProblems.size() + " errors were not problem+json");
        assertEquals(List.of(), createdByRejected, "a rejected request created something");
    }

    static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    // ------------------------------------------------------------------ auth matrix

    static String signed(JwtClaims claims, java.security.PrivateKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /**
     * Claims as the suite's own tokens carry them — audience {@code itsm}, issued a minute ago (or an
     * hour before an expiry in the past) — so that each bad token below is refused for the one
     * thing that is wrong with it.
     */
    static JwtClaims claims(String issuer, long expiresInSeconds, String... groups) {
        long now = System.currentTimeMillis() / 1000;
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer);
        c.setSubject("mallory");
        c.setAudience(TokenSigner.AUDIENCE);
        c.setStringListClaim("groups", groups);
        c.setIssuedAt(NumericDate.fromSeconds(Math.min(now - 60, now + expiresInSeconds - 3600)));
        c.setExpirationTime(NumericDate.fromSeconds(now + expiresInSeconds));
        return c;
    }

    @Test
    void everyOperationRejectsMissingExpiredForeignUnsignedTokensAndWrongRoles() throws Exception {
        String issuer = Suite.stack().tokens().issuer();
        var foreignKey = KeyPairGenerator.getInstance("RSA");
        foreignKey.initialize(2048);
        java.security.PrivateKey mallorysKey = foreignKey.generateKeyPair().getPrivate();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "."
                + b64.encodeToString(claims(issuer, 3600, "itsm-admin").toJson().getBytes()) + ".";
        JwtClaims noAudience = claims(issuer, 3600, "itsm-admin");
        noAudience.unsetClaim(ReservedClaimNames.AUDIENCE);
        JwtClaims otherAudience = claims(issuer, 3600, "itsm-admin");
        otherAudience.setAudience("another-app");
        // not expired, but issued longer ago than the 24 h the gateway and the services accept
        JwtClaims tooOld = claims(issuer, 3600, "itsm-admin");
        tooOld.setIssuedAt(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - Duration.ofHours(25).toSeconds()));
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("missing", null);
        badTokens.put("expired", Suite.stack().tokens().sign(claims(issuer, -600, "itsm-admin").toJson()));
        badTokens.put("wrong issuer", Suite.stack().tokens().sign(claims("https://evil.example.com", 3600, "itsm-admin").toJson()));
        badTokens.put("wrongly signed", signed(claims(issuer, 3600, "itsm-admin"), mallorysKey));
        badTokens.put("alg none", none);
        badTokens.put("no audience", Suite.stack().tokens().sign(noAudience.toJson()));
        badTokens.put("another audience", Suite.stack().tokens().sign(otherAudience.toJson()));
        badTokens.put("issued 25 h ago", Suite.stack().tokens().sign(tooOld.toJson()));
        String noItsmRole = Suite.token("outsider", "some-other-app-role");
        String reader = Suite.token("auth-reader", "itsm-reader");

        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (OpenApiFuzzer.Operation op : fuzzer.operations()) {
            String path = fuzzer.concrete(op.template(), false);
            String body = op.bodySchema() == null ? null : OpenApiFuzzer.write(fuzzer.sample(op.bodySchema(), 0));
            OpenApiFuzzer.Case c = new OpenApiFuzzer.Case(op.method(), path, Map.of(), op.bodyType(), body, op.id(), false);
            for (Map.Entry<String, String> bad : badTokens.entrySet()) {
                HttpResponse<String> r = send(c, bad.getValue());
                checked++;
                if (r.statusCode() != 401 || !r.headers().firstValue("content-type").orElse("").startsWith("application/problem+json")) {
                    failures.add(op.id() + " with " + bad.getKey() + " token -> " + r.statusCode());
                }
            }
            HttpResponse<String> r = send(c, lackingTheRole(op, reader, noItsmRole));
            checked++;
            if (r.statusCode() != 403 || !r.headers().firstValue("content-type").orElse("").startsWith("application/problem+json")) {
                failures.add(op.id() + " with a token lacking the role -> " + r.statusCode());
            }
        }
        System.out.printf("auth matrix: %d requests, %d failures%n", checked, failures.size());
        assertEquals(List.of(), failures);
    }

    /**
     * A token without any role the operation names in its {@code security}: for a write the reader's (writes are
     * refused to readers), unless the reader may do it — request-service's approve and reject are open to every suite
     * role, since an approver named in a level decides whatever their role, and refuse the wrong person with 403 or
     * 404 only once the request is known — then, as for reads, one without any suite role.
     */
    static String lackingTheRole(OpenApiFuzzer.Operation op, String reader, String noItsmRole) {
        if (op.method().equals("get")) {
            return noItsmRole;
        }
        for (JsonNode requirement : op.op().path("security")) {
            for (JsonNode roles : requirement) { // scheme name -> the roles it needs
                for (JsonNode role : roles) {
                    if (role.asText().equals("itsm-reader")) {
                        return noItsmRole;
                    }
                }
            }
        }
        return reader;
    }

    // ------------------------------------------------------------------ concurrency, rate limit, poison

    @Test
    void fiftyParallelCommandsOnOneIncidentLetExactlyOneWin() throws Exception {
        Map<String, String> svc = ScenariosTest.liveServiceWithCi("sys-race");
        String id = ScenariosTest.openIncident("race-agent", ScenariosTest.incident(svc.get("serviceId"), "LOW", "MEDIUM"));
        ScenariosTest.command("race-agent", id, "assign", Map.of("assignmentGroup", "desk", "assignee", "amy")).then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(25);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String subject = "racer-" + i;
                calls.add(() -> ScenariosTest.command(subject, id, "hold",
                        Map.of("reason", "AWAITING_VENDOR", "note", "racing")).statusCode());
            }
            Map<Integer, Long> outcomes = new TreeMap<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                outcomes.merge(f.get(), 1L, Long::sum);
            }
            System.out.println("50 parallel holds: " + outcomes);
            assertEquals(1L, outcomes.getOrDefault(200, 0L), "exactly one hold wins: " + outcomes);
            assertEquals(50L, outcomes.getOrDefault(200, 0L) + outcomes.getOrDefault(409, 0L) + outcomes.getOrDefault(412, 0L),
                    "the rest are 409/412: " + outcomes);
        } finally {
            pool.shutdownNow();
        }
        as("race-agent", "itsm-reader").get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("ON_HOLD"));
        String history = as("race-agent", "itsm-reader").get("/api/v1/incidents/" + id + "/history").asString();
        long holds = history.split("\"ON_HOLD\"", -1).length - 1;
        assertTrue(holds >= 1, history);
        List<TopicReader.Received> onHold = TopicReader.await(Suite.bootstrap(), "itsm.incident.events", 1, Duration.ofSeconds(30),
                r -> id.equals(r.key()) && "dev.itsm.incident.IncidentPutOnHold".equals(r.ceType()));
        assertEquals(1, onHold.size(), "one IncidentPutOnHold");
    }

    @Test
    void fiftyParallelScheduleCommandsOnOneChangeLetExactlyOneWin() throws Exception {
        Map<String, String> svc = ScenariosTest.liveServiceWithCi("sys-change-race");
        String id = ScenariosTest.normalChange("Racing change", svc.get("ciId"),
                java.time.Instant.now().plus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        ExecutorService pool = Executors.newFixedThreadPool(25);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> ScenariosTest.changeAs("rita").post("/api/v1/changes/" + id + "/schedule").statusCode());
            }
            Map<Integer, Long> outcomes = new TreeMap<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                outcomes.merge(f.get(), 1L, Long::sum);
            }
            System.out.println("50 parallel schedules: " + outcomes);
            assertEquals(1L, outcomes.getOrDefault(200, 0L), "exactly one schedule wins: " + outcomes);
            assertEquals(49L, outcomes.getOrDefault(409, 0L) + outcomes.getOrDefault(412, 0L), "the rest are 409/412: " + outcomes);
        } finally {
            pool.shutdownNow();
        }
        ScenariosTest.changeAs("rita").get("/api/v1/changes/" + id).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("SCHEDULED"));
        List<TopicReader.Received> scheduled = TopicReader.await(Suite.bootstrap(), "itsm.change.events", 1, Duration.ofSeconds(30),
                r -> id.equals(r.key()) && "dev.itsm.change.ChangeScheduled".equals(r.ceType()));
        assertEquals(1, scheduled.size(), "one ChangeScheduled");
    }

    @Test
    void aClientOverItsBudgetGets429WithRetryAfterAndOthersAreUnaffected() throws Exception {
        String heavy = Suite.token("heavy-client", "itsm-reader");
        String url = Suite.gateway() + "/api/v1/incidents/" + UUID.randomUUID();
        HttpResponse<String> last = null;
        int sent = 0;
        // the bucket refills while we send (budget per minute), so allow for that
        while (sent <= Suite.RATE_LIMIT * 3) {
            last = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + heavy).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            sent++;
            if (sent == 1) {
                assertTrue(last.headers().firstValue("X-RateLimit-Limit").isPresent(), "rate-limit headers on every response");
                assertTrue(last.headers().firstValue("X-RateLimit-Remaining").isPresent());
                assertTrue(last.headers().firstValue("X-RateLimit-Reset").isPresent());
            }
            if (last.statusCode() == 429) {
                break;
            }
        }
        assertEquals(429, last.statusCode(), "over budget after " + sent + " requests");
        assertTrue(last.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        assertTrue(last.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
        Response other = as("calm-client", "itsm-reader").get("/api/v1/incidents?size=1");
        assertEquals(200, other.statusCode(), "another client is unaffected");
    }

    @Test
    void aPoisonRecordLandsInTheDeadLetterTopicAndLaterEventsAreStillProcessed() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        CloudEventPublisher.raw(Suite.bootstrap(), "itsm.incident.events", key, "\u0000not json at all".getBytes(), Map.of());
        CloudEventPublisher.raw(Suite.bootstrap(), "itsm.catalog.events", key, "{\"half\":".getBytes(), Map.of());
        // issue #20: incident-service and change-service consume monitoring-service's topic now
        CloudEventPublisher.raw(Suite.bootstrap(), "itsm.monitoring.events", key, "[\"not an alert\"".getBytes(), Map.of());
        assertTrue(!TopicReader.await(Suite.bootstrap(), "itsm.incident.events.dlq", 1, Duration.ofSeconds(60),
                r -> key.equals(r.key())).isEmpty(), "poison incident event dead-lettered");
        assertTrue(!TopicReader.await(Suite.bootstrap(), "itsm.catalog.events.dlq", 1, Duration.ofSeconds(60),
                r -> key.equals(r.key())).isEmpty(), "poison catalog event dead-lettered");
        assertTrue(!TopicReader.await(Suite.bootstrap(), "itsm.monitoring.events.dlq", 1, Duration.ofSeconds(60),
                r -> key.equals(r.key())).isEmpty(), "poison monitoring event dead-lettered");
        // later events are still processed: the catalog replica (incident-service) and SLA timers (sla-service)
        Map<String, String> svc = ScenariosTest.liveServiceWithCi("sys-after-poison");
        ScenariosTest.createOnceReplicated(() -> as("poison-sla", "itsm-sla-admin").body(Map.of(
                "name", "After poison " + UUID.randomUUID(), "type", "OLA",
                "scope", Map.of("allServices", false, "serviceIds", List.of(svc.get("serviceId"))),
                "targets", List.of(Map.of("metric", "TIME_TO_RESOLVE", "priority", "P5", "duration", "PT1H")))),
                "/api/v1/sla/agreements");
        String id = ScenariosTest.openIncident("poison-agent", ScenariosTest.incident(svc.get("serviceId"), "LOW", "LOW"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> ScenariosTest.timers("poison-agent", id).size() == 1);
        Map<String, Object> dlqHeaders = new HashMap<>(TopicReader.await(Suite.bootstrap(), "itsm.incident.events.dlq", 1,
                Duration.ofSeconds(5), r -> key.equals(r.key())).get(0).headers());
        assertTrue(dlqHeaders.containsKey("dlq_error_message"), "error headers on the DLQ record: " + dlqHeaders.keySet());
    }
}
