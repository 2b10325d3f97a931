package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.reader;
import static dev.itsm.catalog.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The changes feed ({@code updatedSince} + cursor) of services, CIs, offerings and products. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class ChangesFeedTest {

    private static final Duration PAST_THE_SAFETY_LAG = Duration.ofSeconds(31);

    @AfterEach
    void resetClock() {
        TestClock.INSTANCE.reset();
    }

    @Test
    void theCiFeedServesRowsOnceOlderThanTheSafetyLagInUpdatedAtOrderAndShowsARowAgainAfterAnUpdate() {
        String ciClass = "feed" + UUID.randomUUID().toString().substring(0, 8);
        String since = TestClock.INSTANCE.instant().minusMillis(1).toString();
        String a = ListPagingTest.registerCi(ciClass);
        String b = ListPagingTest.registerCi(ciClass);
        // younger than the safety lag: a transaction that wrote earlier might still commit, so nothing yet
        feed("/cis", "ciClass", ciClass, since, null, 50).then().statusCode(200).body("items", hasSize(0)).body("next", nullValue());
        TestClock.INSTANCE.advance(PAST_THE_SAFETY_LAG);
        Response first = feed("/cis", "ciClass", ciClass, since, null, 1);
        first.then().statusCode(200).body("items.id", equalTo(List.of(a))).body("next", notNullValue());
        Response second = feed("/cis", "ciClass", ciClass, since, first.jsonPath().getString("next"), 1);
        second.then().statusCode(200).body("items.id", equalTo(List.of(b))).body("next", notNullValue());
        // caught up: the last page hands out where to resume; an empty page hands the same cursor back
        String resume = second.jsonPath().getString("next");
        feed("/cis", "ciClass", ciClass, since, resume, 1).then().statusCode(200).body("items", hasSize(0))
                .body("next", equalTo(resume)).header("Link", not(containsString("rel=\"next\"")));
        // a row edited after the client's cursor passed it shows again, with its new state
        admin().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"state\":\"MAINTENANCE\"}")
                .patch(BASE + "/cis/" + a).then().statusCode(200);
        feed("/cis", "ciClass", ciClass, since, resume, 50).then().statusCode(200).body("items", hasSize(0));
        TestClock.INSTANCE.advance(PAST_THE_SAFETY_LAG);
        feed("/cis", "ciClass", ciClass, since, resume, 50).then().statusCode(200)
                .body("items.id", equalTo(List.of(a))).body("items[0].state", equalTo("MAINTENANCE"));
    }

    @Test
    void servicesOfferingsAndProductsHaveAFeedThatShowsEveryKindOfWrite() {
        String since = TestClock.INSTANCE.instant().minusMillis(1).toString();
        String owner = unique("owner");
        Map<String, Object> body = new HashMap<>(Api.service(unique("feed"), List.of()));
        body.put("owner", owner);
        String service = admin().body(body).post(BASE + "/services").then().statusCode(201).extract().path("id");
        String group = unique("group");
        Map<String, Object> offering = new HashMap<>(Api.offering(unique("Offering"), List.of(service)));
        offering.put("targetConsumerGroup", group);
        String offeringId = admin().body(offering).post(BASE + "/offerings").then().statusCode(201).extract().path("id");
        String product = admin().body(Map.of("name", unique("Product"), "serviceIds", List.of(service))).post(BASE + "/products")
                .then().statusCode(201).extract().path("id");
        TestClock.INSTANCE.advance(PAST_THE_SAFETY_LAG);
        String services = feed("/services", "owner", owner, since, null, 50).then().statusCode(200)
                .body("items.id", equalTo(List.of(service))).extract().path("next");
        String offerings = feed("/offerings", "targetConsumerGroup", group, since, null, 50).then().statusCode(200)
                .body("items.id", equalTo(List.of(offeringId))).extract().path("next");
        String products = feed("/products", "serviceId", service, since, null, 50).then().statusCode(200)
                .body("items.id", equalTo(List.of(product))).extract().path("next");
        // commands (not only edits) move updatedAt, so the feed shows them
        admin().post(BASE + "/services/" + service + "/go-live").then().statusCode(200);
        admin().post(BASE + "/offerings/" + offeringId + "/publish").then().statusCode(200);
        admin().contentType("application/merge-patch+json").body("{\"description\":\"new\"}").patch(BASE + "/products/" + product)
                .then().statusCode(200);
        TestClock.INSTANCE.advance(PAST_THE_SAFETY_LAG);
        feed("/services", "owner", owner, since, services, 50).then().statusCode(200)
                .body("items.id", equalTo(List.of(service))).body("items[0].state", equalTo("LIVE"));
        feed("/offerings", "targetConsumerGroup", group, since, offerings, 50).then().statusCode(200)
                .body("items.id", equalTo(List.of(offeringId))).body("items[0].state", equalTo("PUBLISHED"));
        feed("/products", "serviceId", service, since, products, 50).then().statusCode(200)
                .body("items.id", equalTo(List.of(product))).body("items[0].description", equalTo("new"));
    }

    @Test
    void aFeedWithASortOrAMalformedUpdatedSinceIs400NamingTheParameter() {
        String since = Instant.parse("2026-01-01T00:00:00Z").toString();
        for (String list : List.of("/cis", "/services", "/offerings", "/products")) {
            reader().queryParam("updatedSince", since).queryParam("sort", "name").get(BASE + list)
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("sort"));
            reader().queryParam("updatedSince", "yesterday").get(BASE + list)
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("updatedSince"));
        }
        // a list cursor does not continue a feed
        String ciClass = "feed" + UUID.randomUUID().toString().substring(0, 8);
        ListPagingTest.registerCi(ciClass);
        ListPagingTest.registerCi(ciClass);
        String listCursor = reader().queryParam("ciClass", ciClass).queryParam("size", 1).get(BASE + "/cis").jsonPath().getString("next");
        feed("/cis", "ciClass", ciClass, since, listCursor, 1).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    private static Response feed(String list, String filter, String value, String since, String cursor, int size) {
        var r = reader().queryParam(filter, value).queryParam("updatedSince", since).queryParam("size", size);
        if (cursor != null) {
            r.queryParam("cursor", cursor);
        }
        return r.get(BASE + list);
    }
}
