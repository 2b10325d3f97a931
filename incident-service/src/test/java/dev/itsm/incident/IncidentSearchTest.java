package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.newIncident;
import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.StatementCapture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code q=} is a full-text search (whole words of number, title and description; see
 * the platform's TextSearchFunctions): by word, by incident number, relevance order when no sort is asked for (number
 * and title matches first, then the others, each newest first, walked by cursor or page number), any input answered
 * (never a 500), and served by the GIN indexes or the opened_at index.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class IncidentSearchTest {

    private static final String LIST = "/api/v1/incidents";

    @Test
    void findsByAWordOfTitleOrDescriptionAndByNumberButOnlyWholeWords() {
        UUID service = newService("Searched Shop");
        String id = open(incident(service, "Quokka gateway timeout", "Observed on the zanzibar cluster since 09:10"));
        String other = open(incident(service, "Printer jams", "Second floor"));
        String number = reader().get(LIST + "/" + id).path("number");

        assertEquals(List.of(id), found(service, "quokka"), "a word of the title");
        assertEquals(List.of(id), found(service, "ZANZIBAR"), "a word of the description, any case");
        assertEquals(List.of(id), found(service, "gateway timeout"), "all words, anywhere");
        assertEquals(List.of(id), found(service, "\"gateway timeout\""), "a quoted phrase");
        assertEquals(List.of(), found(service, "\"timeout gateway\""), "the phrase in another order");
        assertEquals(List.of(id, other).stream().sorted().toList(),
                found(service, "quokka or printer").stream().sorted().toList(), "or");
        assertEquals(List.of(other), found(service, "-quokka"), "-word excludes");
        assertEquals(List.of(), found(service, "quok"), "no prefix match: whole words only (documented)");

        assertEquals(List.of(id), found(null, number), "the exact number, across all services");
        assertEquals(List.of(id), found(null, number.toLowerCase()), "in any case");
        assertEquals(List.of(id), found(service, number.substring(3).replaceFirst("^0+", "")),
                "the number's digits without leading zeros");
    }

    @Test
    void withQAndNoSortTheOrderIsRelevanceAndAnExplicitSortWins() {
        UUID service = newService("Ranked Shop");
        String inTitle = open(incident(service, "Walrus in the data centre", "Nothing else"));
        String inDescription = open(incident(service, "Cooling alarm", "A walrus was seen near rack 12"));

        assertEquals(List.of(inTitle, inDescription), found(service, "walrus"), "a title match ranks first");
        reader().queryParam("serviceId", service).queryParam("q", "walrus").queryParam("sort", "-openedAt").get(LIST)
                .then().statusCode(200).body("items.id", equalTo(List.of(inDescription, inTitle)));
        String doc = reader().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertTrue(doc.contains("with q and no sort, the order is relevance: first the incidents whose number or title"),
                "the list documents it");
    }

    @Test
    void anyInputIsAnsweredNeverA500() {
        UUID service = newService("Hostile Shop");
        open(incident(service, "Checkout fails", "since 09:10"));
        List<String> inputs = List.of("\"", "'", "\"unclosed phrase", "&|!():*<->", "!!", "-", "or", "or or or", "-\"\"",
                " ", "", "\\", "%_", "a:*", "'; drop table incident; --", "\u0000checkout", "check\tout\nfails",
                "ß∂ƒ 漢字 🙂", "a".repeat(1000), "checkout ".repeat(110), "(&|".repeat(340));
        for (String q : inputs) {
            reader().queryParam("serviceId", service).queryParam("q", q).get(LIST).then().statusCode(200);
            reader().queryParam("q", q).get(LIST).then().statusCode(200);
        }
        assertEquals(1, found(service, "\u0000checkout").size(), "a control character is a word break");
        assertEquals(1, found(service, "").size(), "empty q: no text filter");
    }

    @Test
    void relevanceListsNumberAndTitleMatchesFirstThenTheOthersEachNewestFirstWalkedByCursorOrPageNumber() {
        UUID service = newService("Walked Shop");
        // opened in this order; relevance: the title matches newest first, then the description matches newest first
        String t1 = open(incident(service, "Narwhal stuck in the lift", "Nothing else"));
        String d1 = open(incident(service, "Cooling alarm", "A narwhal again"));
        String t2 = open(incident(service, "Second narwhal", "Rack 4"));
        String d2 = open(incident(service, "Power cut", "The narwhal sighted near rack 9"));
        String t3 = open(incident(service, "Narwhal number three", "Rack 7"));
        String number = reader().get(LIST + "/" + d1).path("number");
        List<String> expected = List.of(t3, t2, t1, d2, d1);

        assertEquals(expected, found(service, "narwhal"));
        for (int size = 1; size <= 6; size++) {
            assertEquals(expected, walkByCursor(service, "narwhal", size), "by cursor, pages of " + size);
            assertEquals(expected, walkByPageNumber(service, "narwhal", size), "by page number, pages of " + size);
        }
        assertEquals(List.of(d2), found(service, "narwhal power"), "words split over title and description: the second part");
        assertEquals(List.of(t3, t2, d1, t1, d2), found(service, number + " or narwhal"),
                "a match of the number is in the first part, newest first with the title matches");
    }

    @Test
    void theSearchIsServedByTheGinIndexesOrStopsAfterAPageInOpenedAtOrder() {
        SeededIncidents.ensure();
        List<String> rare = SqlCapture.during(() -> reader().queryParam("q", "w1234").get(LIST).then().statusCode(200)
                .body("items[0].title", equalTo("Seeded disk issue w1234")).body("total", nullValue()));
        String plan = explain(SeededIncidents.pageQuery(rare), "w1234");
        assertTrue(plan.contains("Bitmap Index Scan on incident_title_search"), "a rare word, number and title part: " + plan);
        assertFalse(plan.contains("Seq Scan"), plan);
        assertTrue(rare.stream().noneMatch(q -> q.contains("count(")), "a search counts only when asked: " + rare);
        List<String> counted = SqlCapture.during(() -> reader().queryParam("q", "w1234").queryParam("count", "bounded")
                .get(LIST).then().statusCode(200).body("total", equalTo(1)).body("totalExact", equalTo(true)));
        String count = counted.stream().filter(q -> q.contains("count(")).findFirst()
                .orElseThrow(() -> new AssertionError("no count captured: " + counted));
        plan = explain(count, "w1234");
        assertTrue(plan.contains("Bitmap Index Scan on incident_search"), "the bounded count: " + plan);

        // a word in every seeded title: the first part reads the newest rows until a page is full, it does not
        // collect and sort every match
        List<String> common = SqlCapture.during(() -> reader().queryParam("q", "seeded").get(LIST).then().statusCode(200));
        plan = explain(SeededIncidents.pageQuery(common), "seeded");
        assertTrue(plan.contains("Index Scan Backward using incident_opened_at_id"), "a common word: " + plan);
        assertFalse(plan.contains("Sort"), plan);
    }

    @Test
    void theSearchIndexesKeepTheirPendingListsShort() throws Exception {
        // V12: every search reads a GIN index's whole pending list; 256 kB instead of 4 MB bounds what it reads
        try (var c = SeededIncidents.connect(); var s = c.createStatement();
                var rs = s.executeQuery("select relname, array_to_string(reloptions, ',') from pg_class"
                        + " where relname in ('incident_search', 'incident_title_search') order by relname")) {
            List<String> found = new java.util.ArrayList<>();
            while (rs.next()) {
                found.add(rs.getString(1) + " " + rs.getString(2));
            }
            assertEquals(List.of("incident_search gin_pending_list_limit=256", "incident_title_search gin_pending_list_limit=256"),
                    found);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static UUID newService(String name) {
        UUID service = UUID.randomUUID();
        Fixtures.publishService("ServiceCreated", service, name, "LIVE");
        return service;
    }

    private static Map<String, Object> incident(UUID service, String title, String description) {
        Map<String, Object> body = newIncident(service, "MEDIUM", "MEDIUM");
        body.put("title", title);
        body.put("description", description);
        return body;
    }

    private static List<String> walkByCursor(UUID service, String q, int size) {
        List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = reader().queryParam("serviceId", service).queryParam("q", q).queryParam("size", size);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            var page = request.get(LIST).then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", String.class));
            cursor = page.getString("next");
            assertTrue(ids.size() <= 10, "the walk ends: " + ids);
        } while (cursor != null);
        return ids;
    }

    private static List<String> walkByPageNumber(UUID service, String q, int size) {
        List<String> ids = new java.util.ArrayList<>();
        for (int page = 0; page < 10; page++) {
            List<String> items = reader().queryParam("serviceId", service).queryParam("q", q).queryParam("size", size)
                    .queryParam("page", page).get(LIST).then().statusCode(200).extract().jsonPath()
                    .getList("items.id", String.class);
            if (items.isEmpty()) {
                return ids;
            }
            ids.addAll(items);
        }
        throw new AssertionError("more pages than matches: " + ids);
    }

    /** The plan of a captured list or count statement: {@code text} for the search's parameters, limits as numbers. */
    private static String explain(String sql, String text) {
        return SeededIncidents.explain(sql, StatementCapture.values(sql,
                before -> before.endsWith("websearch_to_tsquery('simple',") ? text : (Object) 51));
    }

    private static List<String> found(UUID service, String q) {
        var request = reader().queryParam("q", q);
        if (service != null) {
            request = request.queryParam("serviceId", service);
        }
        return request.get(LIST).then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }
}
