package dev.itsm.monitoring.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.itsm.monitoring.replica.ReplicaFixtures;
import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * The alert and alert-group lists: keyset paging (a cursor walk sees every alert once while alerts arrive), sorts,
 * every filter, the changes feed and its safety lag, 404s and 400s. Rows are written straight into the processor's
 * tables ({@link AlertRows}); each test works on its own CI or service so that the others' rows never match.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class AlertListTest {

    static final String ALERTS = "/api/v1/monitoring/alerts";
    static final String GROUPS = "/api/v1/monitoring/alert-groups";

    @Inject
    AlertRows rows;

    @AfterEach
    void realTime() {
        TestClock.INSTANCE.reset();
    }

    static RequestSpecification reader() {
        return given().header("Authorization", TestTokens.bearer("rita", Roles.READER));
    }

    @Test
    void aCursorWalkSeesEveryAlertOnceWhileAlertsArrive() {
        UUID ci = UUID.randomUUID();
        Instant t0 = TestClock.INSTANCE.instant().minusSeconds(3600);
        Set<UUID> before = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            // pairs share lastSeenAt: the id breaks the tie
            before.add(rows.insert(AlertRows.alert().ci(ci, "db-01").seen(t0, t0.plusSeconds(i / 2))));
        }
        // and a writer that keeps inserting alerts of the same CI while the walks run
        AtomicBoolean walking = new AtomicBoolean(true);
        Instant writerTime = t0;
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int written = 0;
            while (walking.get() && written < 200) {
                rows.insert(AlertRows.alert().ci(ci, "db-01").seen(writerTime, writerTime.plusSeconds(written % 20)));
                written++;
            }
            return written;
        });
        for (String sort : List.of("", "lastSeenAt", "-firstSeenAt", "severity")) {
            List<UUID> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                RequestSpecification request = reader().queryParam("ciId", ci).queryParam("size", 10);
                if (!sort.isEmpty()) {
                    request.queryParam("sort", sort);
                }
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get(ALERTS).then().statusCode(200).extract().jsonPath();
                page.getList("items.id", String.class).forEach(id -> seen.add(UUID.fromString(id)));
                cursor = page.getString("next");
                // an alert arrives during the walk, before and after the rows already served
                rows.insert(AlertRows.alert().ci(ci, "db-01").seen(t0.minusSeconds(60), t0.plusSeconds(7200)));
                rows.insert(AlertRows.alert().ci(ci, "db-01").seen(t0.minusSeconds(60), t0.minusSeconds(60)));
                pages++;
            } while (cursor != null && pages < 1000);
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no alert twice with sort '" + sort + "'");
            assertTrue(seen.containsAll(before), "every alert that was there when the walk began, with sort '" + sort + "'");
        }
        walking.set(false);
        assertTrue(writer.join() > 0, "alerts were inserted during the walks");
    }

    @Test
    void theDefaultOrderIsLatestActivityFirstAndSeverityPutsCriticalFirst() {
        UUID ci = UUID.randomUUID();
        Instant t0 = TestClock.INSTANCE.instant().minusSeconds(600);
        UUID info = rows.insert(AlertRows.alert().ci(ci, "db").severity("info").seen(t0, t0.plusSeconds(30)));
        UUID critical = rows.insert(AlertRows.alert().ci(ci, "db").severity("critical").seen(t0, t0.plusSeconds(10)));
        UUID warning = rows.insert(AlertRows.alert().ci(ci, "db").severity("warning").seen(t0, t0.plusSeconds(20)));
        UUID odd = rows.insert(AlertRows.alert().ci(ci, "db").severity("page").seen(t0, t0.plusSeconds(40)));
        assertEquals(ids(odd, info, warning, critical), reader().queryParam("ciId", ci).get(ALERTS).then().statusCode(200)
                .body("total", equalTo(4)).body("totalExact", equalTo(true)).extract().jsonPath().getList("items.id"));
        assertEquals(ids(critical, warning, info, odd), reader().queryParam("ciId", ci).queryParam("sort", "severity")
                .get(ALERTS).then().statusCode(200).extract().jsonPath().getList("items.id"));
        assertEquals(ids(odd, info, warning, critical), reader().queryParam("ciId", ci).queryParam("sort", "-severity")
                .get(ALERTS).then().statusCode(200).extract().jsonPath().getList("items.id"));
    }

    @Test
    void everyFilterNarrowsTheList() {
        UUID ci = UUID.randomUUID();
        UUID service = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Instant t0 = TestClock.INSTANCE.instant().minusSeconds(600);
        UUID group = rows.group(ci, List.of(service), "critical", t0, false);
        UUID grouped = rows.insert(AlertRows.alert().ci(ci, "pg-main-17").name("DiskFull").severity("critical")
                .summary("Disk almost full").services(service).group(group).seen(t0, t0.plusSeconds(5)));
        UUID suppressed = rows.insert(AlertRows.alert().ci(ci, "pg-main-17").name("HighLoad").severity("major")
                .services(service, other).suppressed("CHANGE_WINDOW").seen(t0, t0.plusSeconds(4)));
        UUID acknowledged = rows.insert(AlertRows.alert().ci(ci, "pg-main-17").name("HighLoad").severity("warning")
                .acknowledgedBy("alice").seen(t0, t0.plusSeconds(3)));
        UUID resolved = rows.insert(AlertRows.alert().ci(ci, "pg-main-17").name("Exporter_Down").severity("info")
                .resolved().seen(t0, t0.plusSeconds(2)));

        Map<String, List<UUID>> expected = Map.ofEntries(
                Map.entry("state=FIRING", List.of(grouped, suppressed, acknowledged)),
                Map.entry("state=RESOLVED", List.of(resolved)),
                Map.entry("state=firing,resolved", List.of(grouped, suppressed, acknowledged, resolved)),
                Map.entry("severity=critical,MAJOR", List.of(grouped, suppressed)),
                Map.entry("serviceId=" + service, List.of(grouped, suppressed)),
                Map.entry("serviceId=" + other, List.of(suppressed)),
                Map.entry("groupId=" + group, List.of(grouped)),
                Map.entry("suppressed=true", List.of(suppressed)),
                Map.entry("suppressed=false", List.of(grouped, acknowledged, resolved)),
                Map.entry("acknowledged=true", List.of(acknowledged)),
                Map.entry("acknowledged=false", List.of(grouped, suppressed, resolved)),
                Map.entry("grouped=true", List.of(grouped)),
                Map.entry("grouped=false", List.of(suppressed, acknowledged, resolved)),
                Map.entry("name=HighLoad", List.of(suppressed, acknowledged)),
                Map.entry("q=almost", List.of(grouped)),
                Map.entry("q=exporter_", List.of(resolved)),
                Map.entry("q=PG-MAIN", List.of(grouped, suppressed, acknowledged, resolved)),
                Map.entry("q=100%", List.of()),
                Map.entry("state=FIRING&severity=warning&acknowledged=true", List.of(acknowledged)));
        for (Map.Entry<String, List<UUID>> filter : expected.entrySet()) {
            List<String> got = reader().get(ALERTS + "?ciId=" + ci + "&" + filter.getKey()).then().statusCode(200)
                    .extract().jsonPath().getList("items.id");
            assertEquals(filter.getValue().stream().map(UUID::toString).toList(), got, filter.getKey());
        }
        // the number finds the alert whatever its CI
        String number = reader().get(ALERTS + "/" + resolved).then().statusCode(200).extract().path("number");
        reader().queryParam("q", number.toLowerCase()).get(ALERTS).then().statusCode(200)
                .body("items.id", equalTo(List.of(resolved.toString())));
    }

    @Test
    void theChangesFeedServesAlertsOnceTheyAreOlderThanTheSafetyLag() {
        UUID ci = UUID.randomUUID();
        Instant since = TestClock.INSTANCE.instant().minusSeconds(1);
        UUID a = rows.insert(AlertRows.alert().ci(ci, "db"));
        UUID b = rows.insert(AlertRows.alert().ci(ci, "db"));
        // just written: younger than itsm.feed.safety-lag (30 s), not in the feed yet, but in the list
        JsonPath early = reader().queryParam("ciId", ci).queryParam("updatedSince", since.toString()).get(ALERTS)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), early.getList("items"));
        reader().queryParam("ciId", ci).get(ALERTS).then().statusCode(200).body("items.size()", equalTo(2));

        TestClock.INSTANCE.advance(Duration.ofMinutes(1));
        JsonPath first = reader().queryParam("ciId", ci).queryParam("updatedSince", since.toString()).queryParam("size", 1)
                .get(ALERTS).then().statusCode(200).extract().jsonPath();
        JsonPath second = reader().queryParam("ciId", ci).queryParam("updatedSince", since.toString()).queryParam("size", 1)
                .queryParam("cursor", first.getString("next")).get(ALERTS).then().statusCode(200).extract().jsonPath();
        JsonPath done = reader().queryParam("ciId", ci).queryParam("updatedSince", since.toString()).queryParam("size", 1)
                .queryParam("cursor", second.getString("next")).get(ALERTS).then().statusCode(200).extract().jsonPath();
        Set<String> fed = new HashSet<>(first.getList("items.id", String.class));
        fed.addAll(second.getList("items.id", String.class));
        assertEquals(Set.of(a.toString(), b.toString()), fed);
        assertEquals(List.of(), done.getList("items"));
        assertEquals(second.getString("next"), done.getString("next"), "an empty feed page hands its cursor back");

        reader().queryParam("updatedSince", since.toString()).queryParam("sort", "severity").get(ALERTS)
                .then().statusCode(400).body("errors[0].field", equalTo("sort"));
    }

    @Test
    void groupsListFilterAndReadWithTheirIncident() {
        UUID root = UUID.randomUUID();
        UUID s1 = UUID.randomUUID();
        UUID s2 = UUID.randomUUID();
        Instant t0 = TestClock.INSTANCE.instant().minusSeconds(600);
        UUID minor = rows.group(root, List.of(s1), "minor", t0.plusSeconds(10), false);
        UUID major = rows.group(root, List.of(s1, s2), "critical", t0.plusSeconds(5), false);
        UUID resolved = rows.group(root, List.of(s2), "warning", t0, true);
        UUID member = rows.insert(AlertRows.alert().ci(root, "db").group(major).seen(t0, t0.plusSeconds(5)));
        rows.insert(AlertRows.alert().ci(root, "db").group(minor).seen(t0, t0.plusSeconds(10)));

        assertEquals(ids(minor, major, resolved), reader().queryParam("rootCiId", root).get(GROUPS).then().statusCode(200)
                .body("total", equalTo(3)).extract().jsonPath().getList("items.id"));
        assertEquals(ids(major, resolved, minor), reader().queryParam("rootCiId", root).queryParam("sort", "severity")
                .get(GROUPS).then().statusCode(200).extract().jsonPath().getList("items.id"));
        assertEquals(ids(minor, major), reader().queryParam("rootCiId", root).queryParam("state", "OPEN").get(GROUPS)
                .then().statusCode(200).extract().jsonPath().getList("items.id"));
        assertEquals(ids(major), reader().queryParam("rootCiId", root).queryParam("major", "true").get(GROUPS)
                .then().statusCode(200).extract().jsonPath().getList("items.id"));
        assertEquals(ids(major, resolved), reader().queryParam("serviceId", s2).get(GROUPS)
                .then().statusCode(200).extract().jsonPath().getList("items.id"));
        JsonPath page = reader().queryParam("rootCiId", root).queryParam("size", 2).get(GROUPS).then().statusCode(200)
                .extract().jsonPath();
        reader().queryParam("rootCiId", root).queryParam("size", 2).queryParam("cursor", page.getString("next")).get(GROUPS)
                .then().statusCode(200).body("items.id", equalTo(List.of(resolved.toString()))).body("next", nullValue());

        reader().get(GROUPS + "/" + major).then().statusCode(200).header("ETag", "\"0\"")
                .body("number", notNullValue()).body("major", equalTo(true)).body("state", equalTo("OPEN"))
                .body("incident", nullValue()).body("serviceIds", hasItem(s2.toString()));
        reader().get(GROUPS + "/" + major + "/alerts").then().statusCode(200)
                .body("items.id", equalTo(List.of(member.toString()))).body("items[0].groupId", equalTo(major.toString()));
    }

    @Test
    void aGroupShowsTheIncidentOpenedForIt() {
        UUID root = UUID.randomUUID();
        UUID group = rows.group(root, List.of(UUID.randomUUID()), "critical", TestClock.INSTANCE.instant(), false);
        UUID other = rows.group(root, List.of(UUID.randomUUID()), "minor", TestClock.INSTANCE.instant().minusSeconds(60), false);
        UUID incident = ReplicaFixtures.incidentForGroup(group);
        reader().get(GROUPS + "/" + group).then().statusCode(200).body("incident.incidentId", equalTo(incident.toString()))
                .body("incident.state", equalTo("NEW")).body("incident.number", notNullValue());
        reader().queryParam("rootCiId", root).get(GROUPS).then().statusCode(200)
                .body("items.id", equalTo(ids(group, other)))
                .body("items[0].incident.incidentId", equalTo(incident.toString())).body("items[1].incident", nullValue());
    }

    @Test
    void anAlertReadsWithItsETagAndAllowedCommands() {
        UUID id = rows.insert(AlertRows.alert().ci(UUID.randomUUID(), "db").suppressed("MANUAL"));
        reader().get(ALERTS + "/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("state", equalTo("FIRING")).body("suppression.reason", equalTo("MANUAL"))
                .body("suppression.by", equalTo("alice")).body("allowedCommands", equalTo(List.of("acknowledge", "unsuppress")))
                .body("flapWindow", equalTo("PT5M")).body("version", equalTo(0));
    }

    @ParameterizedTest
    @CsvSource({ ALERTS + "/00000000-0000-4000-8000-000000000001", GROUPS + "/00000000-0000-4000-8000-000000000001",
            GROUPS + "/00000000-0000-4000-8000-000000000001/alerts" })
    void unknownIdsAre404(String path) {
        reader().get(path).then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ALERTS + "?state=BURNING|state", ALERTS + "?severity=very%20bad|severity", ALERTS + "?ciId=db-01|ciId",
            ALERTS + "?serviceId=42|serviceId", ALERTS + "?groupId=x|groupId", ALERTS + "?suppressed=maybe|suppressed",
            ALERTS + "?acknowledged=yes|acknowledged", ALERTS + "?grouped=1|grouped", ALERTS + "?sort=name|sort",
            ALERTS + "?cursor=not-a-cursor|cursor", ALERTS + "?updatedSince=yesterday|updatedSince", ALERTS + "?size=0|size",
            ALERTS + "?size=501|size", ALERTS + "?count=all|count", GROUPS + "?state=CLOSED|state", GROUPS + "?major=no|major",
            GROUPS + "?rootCiId=db|rootCiId", GROUPS + "?serviceId=s|serviceId", GROUPS + "?sort=-title|sort",
            GROUPS + "?updatedSince=2026-13-01|updatedSince" })
    void badFilterValuesAre400NamingTheParameter(String path, String parameter) {
        reader().get(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(parameter));
    }

    @Test
    void aCursorOfAnotherSortIs400() {
        UUID ci = UUID.randomUUID();
        rows.insert(AlertRows.alert().ci(ci, "db"));
        rows.insert(AlertRows.alert().ci(ci, "db"));
        String next = reader().queryParam("ciId", ci).queryParam("size", 1).get(ALERTS).then().statusCode(200)
                .extract().path("next");
        reader().queryParam("ciId", ci).queryParam("size", 1).queryParam("sort", "severity").queryParam("cursor", next)
                .get(ALERTS).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    private static List<String> ids(UUID... ids) {
        return java.util.Arrays.stream(ids).map(UUID::toString).toList();
    }
}
