package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.createService;
import static dev.itsm.catalog.Api.liveService;
import static dev.itsm.catalog.Api.offering;
import static dev.itsm.catalog.Api.reader;
import static dev.itsm.catalog.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class OfferingResourceTest {

    @Test
    void anOfferingIsDraftedPublishedAndWithdrawn() {
        String mail = liveService(unique("mail"));
        String name = unique("E-mail for employees");
        String id = admin().body(offering(name, List.of(mail))).post(BASE + "/offerings")
                .then().statusCode(201).body("status", equalTo("DRAFT"))
                .body("components.kind", contains("ACCESS_TO_RESOURCES", "SERVICE_ACTION"))
                .extract().path("id");
        admin().header("If-Match", "\"9\"").post(BASE + "/offerings/" + id + "/publish").then().statusCode(412);
        admin().header("If-Match", "\"0\"").post(BASE + "/offerings/" + id + "/publish")
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("PUBLISHED"))
                .body("publishedAt", notNullValue());
        admin().post(BASE + "/offerings/" + id + "/publish")
                .then().statusCode(409).contentType(PROBLEM)
                .body("currentState", equalTo("PUBLISHED")).body("allowedCommands", contains("withdraw"));
        admin().contentType("application/merge-patch+json")
                .body(Map.of("components", List.of(Map.of("key", "headset", "kind", "GOODS", "description", "Headset"))))
                .patch(BASE + "/offerings/" + id)
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("components", hasSize(1));
        reader().queryParam("status", "PUBLISHED").queryParam("q", name).get(BASE + "/offerings")
                .then().statusCode(200).body("items.id", contains(id));
        admin().post(BASE + "/offerings/" + id + "/withdraw").then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        admin().post(BASE + "/offerings/" + id + "/withdraw")
                .then().statusCode(409).body("currentState", equalTo("WITHDRAWN")).body("allowedCommands", hasSize(0));
        admin().body(Map.of("name", "again")).patch(BASE + "/offerings/" + id).then().statusCode(409);
        reader().queryParam("serviceId", mail).get(BASE + "/offerings").then().body("items.id", contains(id));
    }

    @Test
    void publishingNeedsLiveServicesAndComponents() {
        String planned = createService(unique("planned"));
        String id = admin().body(offering(unique("Early"), List.of(planned))).post(BASE + "/offerings")
                .then().statusCode(201).extract().path("id");
        admin().post(BASE + "/offerings/" + id + "/publish")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo("https://itsm.dev/problems/service-not-live"));
        admin().post(BASE + "/services/" + planned + "/go-live").then().statusCode(200);
        admin().post(BASE + "/offerings/" + id + "/publish").then().statusCode(200);

        String empty = admin().body(Map.of("name", "Empty", "targetConsumerGroup", "nobody")).post(BASE + "/offerings")
                .then().statusCode(201).extract().path("id");
        admin().post(BASE + "/offerings/" + empty + "/publish")
                .then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/offering-incomplete"));
        // a draft may be withdrawn without being published
        admin().post(BASE + "/offerings/" + empty + "/withdraw").then().statusCode(200);
    }

    @Test
    void invalidOfferingsAreRejected() {
        admin().body(Map.of("name", "X", "targetConsumerGroup", "g",
                "components", List.of(Map.of("key", "magic", "kind", "MAGIC", "description", "x")))).post(BASE + "/offerings")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("components[0].kind"));
        admin().body(Map.of("name", "X", "targetConsumerGroup", "",
                "components", List.of(Map.of("key", "goods", "kind", "GOODS", "description", "")))).post(BASE + "/offerings")
                .then().statusCode(400)
                // the platform's mapper renders a container element's path as components.description[0]
                .body("errors.field", containsInAnyOrder("components.description[0]", "targetConsumerGroup"));
        String id = admin().body(Map.of("name", "X", "targetConsumerGroup", "g")).post(BASE + "/offerings")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("status", "PUBLISHED")).patch(BASE + "/offerings/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        reader().queryParam("status", "NOPE").get(BASE + "/offerings").then().statusCode(400).contentType(PROBLEM);
    }
}
