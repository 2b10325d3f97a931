package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.createService;
import static dev.itsm.catalog.Api.liveService;
import static dev.itsm.catalog.Api.reader;
import static dev.itsm.catalog.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class ProductResourceTest {

    @Test
    void aProductCombinesServicesAndCanBeEditedAndDeleted() {
        String ec2 = liveService(unique("ec2"));
        String s3 = liveService(unique("s3"));
        String dns = createService(unique("route53"));
        String name = unique("Lightsail");
        String id = admin().body(Map.of("name", name, "description", "VPS made easy", "serviceIds", List.of(ec2, s3)))
                .post(BASE + "/products")
                .then().statusCode(201).header("ETag", "\"0\"")
                .body("serviceIds", containsInAnyOrder(ec2, s3)).extract().path("id");

        reader().get(BASE + "/products/" + id).then().statusCode(200).header("ETag", "\"0\"").body("name", equalTo(name));
        admin().header("If-Match", "\"3\"").body(Map.of("serviceIds", List.of(ec2, s3, dns))).patch(BASE + "/products/" + id)
                .then().statusCode(412).contentType(PROBLEM);
        admin().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(Map.of("serviceIds", List.of(ec2, s3, dns))).patch(BASE + "/products/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("serviceIds", containsInAnyOrder(ec2, s3, dns))
                .body("description", equalTo("VPS made easy"));

        reader().queryParam("serviceId", dns).get(BASE + "/products").then().statusCode(200).body("items.id", contains(id));
        reader().queryParam("q", name.toLowerCase()).get(BASE + "/products").then().body("items.id", contains(id));

        admin().header("If-Match", "\"0\"").delete(BASE + "/products/" + id).then().statusCode(412);
        admin().header("If-Match", "\"1\"").delete(BASE + "/products/" + id).then().statusCode(204);
        reader().get(BASE + "/products/" + id).then().statusCode(404).contentType(PROBLEM);
        admin().delete(BASE + "/products/" + id).then().statusCode(404);
    }

    @Test
    void productsNeedExistingUnretiredServicesAndValidFields() {
        String missing = UUID.randomUUID().toString();
        admin().body(Map.of("name", "P", "serviceIds", List.of(missing))).post(BASE + "/products")
                .then().statusCode(422).contentType(PROBLEM).body("serviceIds", contains(missing));
        String old = createService(unique("old"));
        admin().post(BASE + "/services/" + old + "/retire").then().statusCode(200);
        admin().body(Map.of("name", "P", "serviceIds", List.of(old))).post(BASE + "/products")
                .then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/service-retired"));
        admin().body(Map.of("name", "", "serviceIds", List.of("not-a-uuid"))).post(BASE + "/products")
                .then().statusCode(400).contentType(PROBLEM);
        admin().body(Map.of("name", " ")).post(BASE + "/products")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        String id = admin().body(Map.of("name", "P")).post(BASE + "/products").then().statusCode(201).extract().path("id");
        admin().body(Map.of("id", UUID.randomUUID().toString())).patch(BASE + "/products/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        admin().body(Map.of("name", "x")).patch(BASE + "/products/" + UUID.randomUUID()).then().statusCode(404);
    }
}
