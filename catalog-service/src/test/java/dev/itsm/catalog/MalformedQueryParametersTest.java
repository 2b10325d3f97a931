package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static dev.itsm.catalog.Api.createCi;
import static dev.itsm.catalog.Api.reader;
import static dev.itsm.catalog.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** A query parameter that cannot be read is a 400 naming it (typed JAX-RS parameters used to answer 404). */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class MalformedQueryParametersTest {

    @ParameterizedTest(name = "{0}?{1}={2}")
    @CsvSource({
            "/services, page, abc",
            "/services, size, many",
            "/services, dependsOn, not-a-uuid",
            "/services, status, SLEEPING",
            "/products, serviceId, nope",
            "/products, page, -x",
            "/offerings, serviceId, nope",
            "/offerings, size, 1.5",
            "/cis, page, abc",
            "/cis, status, GONE",
            "/services, state, SLEEPING",
            "/offerings, state, LIVE",
            "/cis, state, GONE",
            "/services, sort, 'key;drop'",
    })
    void listsAnswer400NamingTheParameter(String path, String parameter, String value) {
        reader().queryParam(parameter, value).get(BASE + path)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors", hasSize(1)).body("errors[0].field", equalTo(parameter));
    }

    /** A sort naming no field (empty tokens, lone separators) is the default order, never a 500. */
    @ParameterizedTest(name = "{0}?sort={1}")
    @CsvSource({
            "/services, ','",
            "/cis, ',,'",
            "/offerings, ' , '",
            "/products, ','",
    })
    void aSortNamingNoFieldIsTheDefaultOrder(String path, String sort) {
        reader().queryParam("sort", sort).get(BASE + path).then().statusCode(200);
    }

    @ParameterizedTest(name = "impact?{0}={1}")
    @CsvSource({
            "maxDepth, abc",
            "maxDepth, 0",
            "maxDepth, 101",
            "type, PERSON",
            "page, -1",
            "size, 0",
            "size, 501",
    })
    void impactAnswers400NamingTheParameter(String parameter, String value) {
        String ci = createCi(unique("q"), "server");
        reader().queryParam(parameter, value).get(BASE + "/cis/" + ci + "/impact")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors", hasSize(1)).body("errors[0].field", equalTo(parameter));
    }
}
