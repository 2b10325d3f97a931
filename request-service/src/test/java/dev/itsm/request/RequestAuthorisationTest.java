package dev.itsm.request;

import static dev.itsm.request.RequestFixtures.BASE;
import static dev.itsm.request.RequestFixtures.agent;
import static dev.itsm.request.RequestFixtures.as;
import static dev.itsm.request.RequestFixtures.command;
import static dev.itsm.request.RequestFixtures.create;
import static dev.itsm.request.RequestFixtures.orderable;
import static dev.itsm.request.RequestFixtures.requester;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.request.catalog.CatalogEvents;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Object-level authorisation (OWASP API1) with two requesters: one cannot read, act on or list the other's
 * request — every such id is 404, like an id that does not exist — while a CUSTOMER of the request's
 * organisation can, and an approver named in a level (with another role) reads it and decides.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class RequestAuthorisationTest {

    @Test
    void aRequesterCannotReadActOnOrListAnotherRequestersRequest() {
        CatalogEvents.Orderable o = orderable(false, List.of());
        String bobs = create(o);
        // eve orders in her own organisation
        CatalogEvents.Orderable other = CatalogEvents.orderable(null, List.of(CatalogEvents.person("eve", "USER"),
                CatalogEvents.person("sue", "SPONSOR")), "sue", List.of(), List.of());
        String eves = requester("eve").body(RequestFixtures.order(other)).post(BASE).then().statusCode(201).extract().path("id");

        requester("eve").get(BASE + "/" + bobs).then().statusCode(404).body("type", org.hamcrest.Matchers.endsWith("/not-found"));
        requester("eve").get(BASE + "/" + UUID.randomUUID()).then().statusCode(404);
        requester("eve").get(BASE + "/" + bobs + "/history").then().statusCode(404);
        requester("eve").get(BASE + "/" + bobs + "/grants").then().statusCode(404);
        command(requester("eve"), bobs, "cancel", Map.of("reason", "mischief")).then().statusCode(404);
        command(requester("eve"), bobs, "provide-info", Map.of("answer", "x")).then().statusCode(404);
        requester("eve").post(BASE + "/" + bobs + "/close").then().statusCode(404);
        command(requester("eve"), bobs, "approve", Map.of()).then().statusCode(404);

        requester("eve").queryParam("size", 500).get(BASE).then().statusCode(200)
                .body("items.id", hasItem(eves)).body("items.id", not(hasItem(bobs)));
        requester("bob").queryParam("size", 500).get(BASE).then().statusCode(200)
                .body("items.id", hasItem(bobs)).body("items.id", not(hasItem(eves)));
        requester("eve").queryParam("q", numberOf(bobs)).queryParam("count", "bounded").get(BASE).then().statusCode(200)
                .body("items", hasSize(0)).body("total", equalTo(0));
        // staff see both
        as("rita", Roles.READER).queryParam("size", 500).get(BASE).then().statusCode(200)
                .body("items.id", hasItem(bobs)).body("items.id", hasItem(eves));
        // the untouched request is still as it was
        agent().get(BASE + "/" + bobs).then().body("state", equalTo("IN_FULFILMENT"));
    }

    @Test
    void aCustomerOfTheOrganisationSeesAndActsOnItsRequests() {
        CatalogEvents.Orderable o = orderable(false, List.of());
        String bobs = create(o);
        requester("carol").get(BASE + "/" + bobs).then().statusCode(200).body("requestedBy", equalTo("bob"));
        requester("carol").queryParam("organisationId", o.organisationId().toString()).get(BASE).then().statusCode(200)
                .body("items.id", hasItem(bobs));
        command(requester("carol"), bobs, "cancel", Map.of("reason", "Budget frozen")).then().statusCode(200)
                .body("state", equalTo("CANCELED"));
    }

    @Test
    void aCustomerOrdersForAPersonOfTheOrganisationWhoThenSeesIt() {
        CatalogEvents.Orderable o = orderable(false, List.of());
        Map<String, Object> body = RequestFixtures.order(o);
        body.put("requestedFor", "bob");
        String id = requester("carol").body(body).post(BASE).then().statusCode(201)
                .body("requestedBy", equalTo("carol")).body("requestedFor", equalTo("bob")).extract().path("id");
        requester("bob").get(BASE + "/" + id).then().statusCode(200);
        requester("eve").get(BASE + "/" + id).then().statusCode(404);
    }

    @Test
    void anApproverWithAnyRoleReadsTheRequestAndDecidesButCannotActForTheRequester() {
        CatalogEvents.Orderable o = orderable(false, List.of(CatalogEvents.level("Line manager", "ANY", null, "mia")));
        String id = create(o);
        as("mia", Roles.CHANGE_MANAGER).get(BASE + "/" + id).then().statusCode(200).body("state", equalTo("AWAITING_APPROVAL"));
        as("mia", Roles.CHANGE_MANAGER).queryParam("state", "AWAITING_APPROVAL").queryParam("size", 500).get(BASE).then()
                .statusCode(200).body("items.id", hasItem(id));
        as("max", Roles.CHANGE_MANAGER).get(BASE + "/" + id).then().statusCode(404);
        command(as("mia", Roles.REQUESTER), id, "cancel", Map.of("reason", "not mine")).then().statusCode(403);
        command(as("mia", Roles.CHANGE_MANAGER), id, "approve", Map.of("comment", "fine")).then().statusCode(200)
                .body("state", equalTo("IN_FULFILMENT"));
    }

    @Test
    void requestersSeeNeitherTheQueuesNorTheAccessReview() {
        requester("bob").get(BASE + "/tasks").then().statusCode(403);
        requester("bob").get(BASE + "/grants").then().statusCode(403);
        requester("bob").get(BASE + "/tasks/" + UUID.randomUUID()).then().statusCode(403);
    }

    private static String numberOf(String id) {
        return agent().get(BASE + "/" + id).then().extract().path("number");
    }
}
