package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.createService;
import static dev.itsm.catalog.Api.reader;
import static dev.itsm.catalog.Api.service;
import static dev.itsm.catalog.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Cursor (keyset) paging and counting on every catalogue list; full-text q=. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class ListPagingTest {

    @Test
    void aCursorWalkOverCisSeesEveryRowThatExistedExactlyOnceWhileCisAreRegisteredConcurrently() throws Exception {
        String ciClass = "walk" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 60; i++) {
            registerCi(ciClass);
        }
        Set<String> before = new HashSet<>(walk("/cis", Map.of("ciClass", ciClass), "name", 500));
        assertEquals(60, before.size());
        ExecutorService writer = Executors.newSingleThreadExecutor();
        AtomicBoolean walking = new AtomicBoolean(true);
        Future<Integer> inserted = writer.submit(() -> {
            int n = 0;
            while (walking.get() && n < 40) {
                registerCi(ciClass); // random names land before and after the cursor
                n++;
            }
            return n;
        });
        List<String> seen;
        try {
            seen = walk("/cis", Map.of("ciClass", ciClass), "name", 7);
        } finally {
            walking.set(false);
        }
        assertTrue(inserted.get() > 0, "CIs were registered during the walk");
        writer.shutdown();
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no CI twice");
        assertTrue(seen.containsAll(before), "every CI that existed when the walk began was seen");
    }

    @Test
    void everySortOfEveryListCanBeWalkedByCursorInBothDirections() {
        String ciClass = "sorts" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> cis = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            cis.add(registerCi(ciClass));
        }
        for (String sort : List.of("name", "ciClass", "environment", "state", "status", "createdAt", "updatedAt")) {
            for (String s : List.of(sort, "-" + sort)) {
                List<String> seen = walk("/cis", Map.of("ciClass", ciClass), s, 2);
                assertEquals(cis, new HashSet<>(seen), s);
                assertEquals(cis.size(), seen.size(), s);
            }
        }
        String owner = unique("owner");
        Set<String> services = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = new HashMap<>(service(owner + "-" + i, List.of()));
            body.put("owner", owner);
            services.add(admin().body(body).post(BASE + "/services").then().statusCode(201).extract().path("id"));
        }
        for (String sort : List.of("key", "name", "state", "type", "owner", "createdAt", "updatedAt")) {
            for (String s : List.of(sort, "-" + sort)) {
                List<String> seen = walk("/services", Map.of("owner", owner), s, 2);
                assertEquals(services, new HashSet<>(seen), s);
                assertEquals(services.size(), seen.size(), s);
            }
        }
        String group = unique("group");
        String svc = createService(unique("svc"));
        Set<String> offerings = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = new HashMap<>(Api.offering(unique("Offering"), List.of(svc)));
            body.put("targetConsumerGroup", group);
            offerings.add(admin().body(body).post(BASE + "/offerings").then().statusCode(201).extract().path("id"));
        }
        for (String sort : List.of("name", "state", "targetConsumerGroup", "createdAt", "updatedAt")) {
            for (String s : List.of(sort, "-" + sort)) {
                List<String> seen = walk("/offerings", Map.of("targetConsumerGroup", group), s, 2);
                assertEquals(offerings, new HashSet<>(seen), s);
                assertEquals(offerings.size(), seen.size(), s);
            }
        }
        Set<String> products = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            products.add(admin().body(Map.of("name", unique("Product"), "serviceIds", List.of(svc))).post(BASE + "/products")
                    .then().statusCode(201).extract().path("id"));
        }
        for (String sort : List.of("name", "createdAt", "updatedAt")) {
            for (String s : List.of(sort, "-" + sort)) {
                List<String> seen = walk("/products", Map.of("serviceId", svc), s, 2);
                assertEquals(products, new HashSet<>(seen), s);
                assertEquals(products.size(), seen.size(), s);
            }
        }
    }

    @Test
    void aFirstPageCountsBoundedExactWhenAskedAndAPageByCursorDoesNotCount() {
        String ciClass = "count" + UUID.randomUUID().toString().substring(0, 8);
        registerCi(ciClass);
        registerCi(ciClass);
        registerCi(ciClass);
        Response first = reader().queryParam("ciClass", ciClass).queryParam("size", 2).get(BASE + "/cis");
        first.then().statusCode(200).body("total", equalTo(3)).body("totalExact", equalTo(true)).body("page", equalTo(0))
                .body("next", notNullValue()).header("Link", containsString("rel=\"last\""))
                .header("Link", containsString("cursor=" + first.jsonPath().getString("next")));
        reader().queryParam("ciClass", ciClass).queryParam("size", 2).queryParam("count", "exact").get(BASE + "/cis")
                .then().statusCode(200).body("total", equalTo(3)).body("totalExact", equalTo(true));
        reader().queryParam("ciClass", ciClass).queryParam("size", 2).queryParam("count", "none").get(BASE + "/cis")
                .then().statusCode(200).body("total", nullValue()).body("totalExact", nullValue())
                .header("Link", not(containsString("rel=\"last\"")));
        reader().queryParam("ciClass", ciClass).queryParam("size", 2).queryParam("cursor", first.jsonPath().getString("next"))
                .get(BASE + "/cis").then().statusCode(200).body("items", hasSize(1)).body("total", nullValue())
                .body("page", nullValue()).body("next", nullValue());
        reader().queryParam("ciClass", ciClass).queryParam("size", 2).queryParam("count", "exact")
                .queryParam("cursor", first.jsonPath().getString("next")).get(BASE + "/cis")
                .then().statusCode(200).body("total", equalTo(3));
        for (String list : List.of("/cis", "/services", "/offerings", "/products")) {
            reader().queryParam("count", "roughly").get(BASE + list)
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("count"));
            reader().queryParam("count", "exact").queryParam("size", 1).get(BASE + list)
                    .then().statusCode(200).body("totalExact", equalTo(true));
        }
    }

    @Test
    void aCursorThatIsNotOursOrForAnotherSortOrWithAPageNumberIs400NamingTheParameter() {
        String ciClass = "cursor" + UUID.randomUUID().toString().substring(0, 8);
        registerCi(ciClass);
        registerCi(ciClass);
        String byName = reader().queryParam("ciClass", ciClass).queryParam("size", 1).get(BASE + "/cis").jsonPath().getString("next");
        reader().queryParam("ciClass", ciClass).queryParam("cursor", byName).queryParam("sort", "-updatedAt").get(BASE + "/cis")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
        reader().queryParam("cursor", byName).queryParam("page", 2).get(BASE + "/cis")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("page"));
        for (String list : List.of("/cis", "/services", "/offerings", "/products")) {
            reader().queryParam("cursor", "not-a-cursor").get(BASE + list)
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
        }
        createService(unique("svc"));
        createService(unique("svc"));
        String services = reader().queryParam("size", 1).get(BASE + "/services").jsonPath().getString("next");
        reader().queryParam("cursor", services).queryParam("sort", "name").get(BASE + "/services")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void qIsAFullTextSearchOfWholeWordsInAnyCase() {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        String id = admin().body(Map.of("name", "edge-router " + word, "ciClass", "network", "environment", "production"))
                .post(BASE + "/cis").then().statusCode(201).extract().path("id");
        reader().queryParam("q", word.toUpperCase()).get(BASE + "/cis").then().statusCode(200).body("items.id", equalTo(List.of(id)));
        reader().queryParam("q", "\"edge-router " + word + "\"").get(BASE + "/cis").then().body("items.id", equalTo(List.of(id)));
        reader().queryParam("q", word + " -router").get(BASE + "/cis").then().body("items", hasSize(0));
        reader().queryParam("q", word.substring(0, 6)).get(BASE + "/cis").then().body("items", hasSize(0));
        reader().queryParam("q", "\" & | ! ( :*").get(BASE + "/cis").then().statusCode(200);
        String product = admin().body(Map.of("name", "Lightsail", "description", "Servers made easy " + word,
                "serviceIds", List.of(createService(unique("svc"))))).post(BASE + "/products").then().statusCode(201).extract().path("id");
        reader().queryParam("q", "easy " + word).get(BASE + "/products").then().body("items.id", equalTo(List.of(product)));
    }

    static String registerCi(String ciClass) {
        return admin().body(Map.of("name", "ci-" + UUID.randomUUID(), "ciClass", ciClass, "environment", "production"))
                .post(BASE + "/cis").then().statusCode(201).extract().path("id");
    }

    /** The ids of every page of {@code list} in {@code sort} order, following {@code next}. */
    static List<String> walk(String list, Map<String, String> filters, String sort, int size) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification r = reader().queryParams(filters).queryParam("size", size).queryParam("sort", sort);
            if (cursor != null) {
                r.queryParam("cursor", cursor);
            }
            Response page = r.get(BASE + list);
            page.then().statusCode(200).body("page", pages == 0 ? equalTo(0) : nullValue());
            ids.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("next");
            pages++;
        } while (cursor != null);
        return ids;
    }
}
