package dev.itsm.problemmanagement.candidate;

import static dev.itsm.problemmanagement.candidate.CandidateDetectionTest.CANDIDATES;
import static dev.itsm.problemmanagement.candidate.CandidateDetectionTest.agent;
import static dev.itsm.problemmanagement.candidate.CandidateDetectionTest.awaitOpenCandidate;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.ci;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.count;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.execute;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.openIncidents;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.text;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.problemmanagement.Problem;
import dev.itsm.problemmanagement.ProblemFixtures;
import dev.itsm.problemmanagement.ProblemSqlCapture;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A candidate of thousands of incidents (a busy service's SERVICE candidate gathers them) is viewed and swept with each
 * id list read once. The lists are bound as text and cast to {@code uuid[]} in the statement; PostgreSQL does not fold
 * such a cast into a constant, so in a row filter ({@code = any(cast(? as uuid[]))}) it parsed the whole list again for
 * every row: viewing a candidate of 5,118 incidents took 25 s, past the transaction timeout (a 500).
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class LargeCandidateTest {

    static final int SIZE = 3_000;

    @Inject
    CandidateSweep sweep;

    @Test
    void aCandidateOfThousandsOfIncidentsIsViewedAndSweptReadingEachIdListOnce() throws Exception {
        UUID service = UUID.randomUUID();
        UUID database = UUID.randomUUID();
        ci(database, "orders-db-01");
        List<UUID> first = openIncidents(3, service, database);
        UUID candidate = awaitOpenCandidate("CI", database, 3);
        // the others straight into the replica and the candidate (as events they would take a minute), as the
        // detector would have added them
        execute("insert into incident_replica (incident_id, number, title, state, priority, service_id, ci_id, opened_at,"
                + " occurred_at) select gen_random_uuid(), 'INB' || lpad(g::text, 6, '0'), 'Orders slow ' || g, 'NEW', 'P3',"
                + " ?, ?, now() - g * interval '1 second', now() from generate_series(1, ?) g", service, database, SIZE - 3);
        execute("insert into problem_candidate_incident (candidate_id, incident_id, opened_at) select ?, incident_id, opened_at"
                + " from incident_replica where ci_id = ? on conflict do nothing", candidate, database);
        execute("update problem_candidate set incident_count = ? where id = ?", SIZE, candidate);
        execute("analyze incident_replica");
        execute("analyze problem_candidate_incident");

        // the view holds the first 50 (oldest first), the count all of them; the sub-collection pages through every one
        List<String> statements = new ArrayList<>(ProblemSqlCapture.during(() -> agent().get(CANDIDATES + "/" + candidate)
                .then().statusCode(200).body("incidentCount", equalTo(SIZE)).body("incidents", hasSize(CandidateView.EMBEDDED))
                .body("incidentIds", hasSize(CandidateView.EMBEDDED)).body("incidentIds[0]", equalTo(text("select incident_id from problem_candidate_incident"
                        + " where candidate_id = ? order by opened_at, incident_id limit 1", candidate)))));
        agent().get(CANDIDATES + "?state=OPEN&kind=CI&size=500").then().statusCode(200)
                .body("items.find { it.id == '" + candidate + "' }.incidents", hasSize(CandidateView.EMBEDDED));
        Set<String> paged = new HashSet<>();
        for (int page = 0; page < SIZE / 500; page++) {
            List<String> ids = agent().queryParam("page", page).queryParam("size", 500).get(CANDIDATES + "/" + candidate + "/incidents")
                    .then().statusCode(200).body("total", equalTo(SIZE)).body("items", hasSize(500))
                    .body("items[0].number", notNullValue()).extract().jsonPath().getList("items.incidentId");
            paged.addAll(ids);
        }
        assertEquals(SIZE, paged.size(), "every incident once over the pages");
        agent().get(CANDIDATES + "/" + UUID.randomUUID() + "/incidents").then().statusCode(404);
        agent().queryParam("size", 501).get(CANDIDATES + "/" + candidate + "/incidents").then().statusCode(400);
        // one incident canceled: the sweep drops it from the candidate's members
        execute("update incident_replica set state = 'CANCELED' where incident_id = ?", first.get(0));
        statements.addAll(ProblemSqlCapture.during(() -> sweep.sweep()));
        assertEquals(SIZE - 1, count("select incident_count from problem_candidate where id = ?", candidate));
        assertEquals(SIZE - 1, count("select count(*) from problem_candidate_incident where candidate_id = ?", candidate));

        // the statements reading a list in a condition (an insert takes its rows from unnest, read once)
        // accepted: one problem with all of them, named by ProblemLogged alone (one link event each carried 1 + 2 + … + N
        // ids: ~500 MB and an OutOfMemoryError for a candidate of 5,118)
        String problem = agent().post(CANDIDATES + "/" + candidate + "/accept").then().statusCode(201)
                .body("linkedIncidentIds", hasSize(Problem.LISTED_INCIDENT_IDS)).body("linkedIncidentCount", equalTo(SIZE - 1))
                .body("description", containsString(" and " + (SIZE - 1 - CandidateView.EMBEDDED) + " more")).extract().path("id");
        agent().body("{\"title\":\"x\"}").post(CANDIDATES + "/" + candidate + "/accept").then().statusCode(409);
        aProblemOfThousandsOfIncidentsKeepsItsEventsViewAndHistoryBounded(problem, service, database);

        List<String> withLists = statements.stream().filter(s -> s.contains("uuid[]") && !s.startsWith("insert"))
                .distinct().toList();
        assertTrue(withLists.size() >= 3, "the members, the incidents that count, the sweep's delete: " + withLists);
        List<String> members = new ArrayList<>();
        try (Connection c = ProblemFixtures.connect(); ResultSet rs = c.createStatement().executeQuery(
                "select incident_id from problem_candidate_incident where candidate_id = '" + candidate + "'")) {
            while (rs.next()) {
                members.add(rs.getString(1));
            }
        }
        for (String sql : withLists) {
            String plan = planAsBound(sql, candidate, members);
            assertFalse(plan.lines().anyMatch(l -> l.contains("Filter:") && (l.contains("ANY (") || l.contains("ALL ("))),
                    "a row filter over the cast list parses it once per row: " + plan);
        }
    }

    /**
     * The problem accepted from it links {@code SIZE - 1} incidents. Its events name them all but each at most
     * {@link Problem#LISTED_INCIDENT_IDS} (with no bound every event of it carried every id: near 26,000 incidents over
     * Kafka's 1 MB record limit, parked in the outbox and never published); its view holds as many and counts all; its
     * incidents page in one statement, not one per incident; a link writes a history entry of the count, not of the list.
     */
    private static void aProblemOfThousandsOfIncidentsKeepsItsEventsViewAndHistoryBounded(String problem, UUID service,
            UUID database) {
        int linked = SIZE - 1;
        List<TopicReader.Received> logged = ProblemFixtures.events(problem, 3);
        assertEquals(List.of("ProblemLogged", "ProblemIncidentsLinked", "ProblemIncidentsLinked"), ProblemFixtures.types(logged));
        Set<String> named = new HashSet<>();
        List<String> inOrder = new ArrayList<>();
        for (TopicReader.Received r : logged) {
            JsonNode payload = read(r.value());
            assertEquals(linked, payload.path("linkedIncidentCount").asInt());
            assertEquals(Problem.LISTED_INCIDENT_IDS, payload.path("linkedIncidentIds").size());
            // the facts' 1,000 ids and, in ProblemIncidentsLinked, 1,000 more: ~80 kB at most, whatever the problem's size
            assertTrue(r.value().length() < 100_000, "an event of " + r.value().length() + " characters");
            JsonNode ids = r.ceType().endsWith("ProblemLogged") ? payload.path("linkedIncidentIds") : payload.path("incidentIds");
            ids.forEach(n -> inOrder.add(n.asText()));
            ids.forEach(n -> named.add(n.asText()));
        }
        assertEquals(linked, named.size(), "every linked incident named once by ProblemLogged and ProblemIncidentsLinked");
        assertEquals(inOrder.stream().sorted().toList(), inOrder, "in id order");

        agent().get("/api/v1/problems?size=500").then().statusCode(200)
                .body("items.find { it.id == '" + problem + "' }.linkedIncidentIds", hasSize(Problem.LISTED_INCIDENT_IDS))
                .body("items.find { it.id == '" + problem + "' }.linkedIncidentCount", equalTo(linked));
        Set<String> paged = new HashSet<>();
        List<String> statements = new ArrayList<>();
        for (int page = 0; page * 500 < linked; page++) {
            int p = page;
            statements.addAll(ProblemSqlCapture.during(() -> paged.addAll(agent().queryParam("page", p).queryParam("size", 500)
                    .get("/api/v1/problems/" + problem + "/incidents").then().statusCode(200).body("total", equalTo(linked))
                    .body("items[0].number", notNullValue()).extract().jsonPath().getList("items.incidentId"))));
        }
        assertEquals(named, paged, "the pages hold every linked incident once");
        assertTrue(statements.size() <= 4 * (linked / 500 + 1), "a page is read in a few statements: " + statements.size());

        // one more link: one small event, a history entry of the count
        UUID more = openIncidents(1, service, database).get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from incident_replica where incident_id = ?", more) == 1);
        agent().body(Map.of("incidentId", more.toString())).post("/api/v1/problems/" + problem + "/incidents").then().statusCode(200)
                .body("linkedIncidentCount", equalTo(linked + 1)).body("linkedIncidentIds", hasSize(Problem.LISTED_INCIDENT_IDS));
        TopicReader.Received link = ProblemFixtures.events(problem, 4).get(3);
        assertTrue(link.ceType().endsWith("ProblemIncidentLinked"), link.ceType());
        assertTrue(link.value().length() < 60_000, "an event of " + link.value().length() + " characters");
        assertEquals(linked + 1, read(link.value()).path("linkedIncidentCount").asInt());
        List<Map<String, Object>> history = agent().get("/api/v1/problems/" + problem + "/history?size=500").then().statusCode(200)
                .extract().jsonPath().getList("items");
        for (Map<String, Object> entry : history) {
            assertTrue(String.valueOf(entry).length() < 5_000, "a history entry of " + String.valueOf(entry).length() + " characters");
        }
        assertTrue(String.valueOf(history).contains("to=" + (linked + 1)), "the link's entry counts: " + history);
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The plan PostgreSQL makes for {@code sql} with its parameters bound as the service binds them (an id list as text),
     * EXPLAINed through JDBC: a literal in PREPARE would be folded into a constant and hide the difference.
     */
    private static String planAsBound(String sql, UUID candidate, List<String> members) throws Exception {
        String[] parts = sql.split("\\?", -1);
        try (Connection c = ProblemFixtures.connect(); PreparedStatement ps = c.prepareStatement("explain " + sql)) {
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].startsWith(" as uuid[]")) {
                    boolean candidates = sql.contains("select candidate_id, incident_id");
                    ps.setString(i, "{" + (candidates ? candidate.toString() : String.join(",", members)) + "}");
                } else {
                    ps.setObject(i, candidate);
                }
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    plan.append(line, 0, Math.min(line.length(), 300)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
