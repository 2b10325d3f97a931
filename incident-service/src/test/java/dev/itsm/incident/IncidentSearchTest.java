package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.newIncident;
import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code q=} is a full-text search (whole words of number, title and description; see
 * the platform's TextSearchFunctions): by word, by incident number, relevance order when no sort is asked for,
 * any input answered (never a 500), and served by the GIN index.
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

        assertEquals(List.of(inTitle, inDescription), found(service, "walrus"), "a title match ranks first (weight A over B)");
        reader().queryParam("serviceId", service).queryParam("q", "walrus").queryParam("sort", "-openedAt").get(LIST)
                .then().statusCode(200).body("items.id", equalTo(List.of(inDescription, inTitle)));
        String doc = reader().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertTrue(doc.contains("with q and no sort, the order is relevance"), "the list documents it");
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
    void theSearchIsServedByTheGinIndex() {
        SeededIncidents.ensure();
        List<String> sql = SqlCapture.during(() -> reader().queryParam("q", "w1234").get(LIST).then().statusCode(200)
                .body("items[0].title", equalTo("Seeded disk issue w1234")));
        String plan = SeededIncidents.explain(SeededIncidents.pageQuery(sql), "w1234", "w1234", 0, 50);
        assertTrue(plan.contains("Bitmap Index Scan on incident_search"), plan);
        assertTrue(!plan.contains("Seq Scan"), plan);
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

    private static List<String> found(UUID service, String q) {
        var request = reader().queryParam("q", q);
        if (service != null) {
            request = request.queryParam("serviceId", service);
        }
        return request.get(LIST).then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }
}
