package dev.itsm.request.catalog;

import static dev.itsm.request.catalog.CatalogEvents.LAPTOP_AND_VPN_FORM;
import static dev.itsm.request.catalog.CatalogEvents.component;
import static dev.itsm.request.catalog.CatalogEvents.cost;
import static dev.itsm.request.catalog.CatalogEvents.laptopComponents;
import static dev.itsm.request.catalog.CatalogEvents.level;
import static dev.itsm.request.catalog.CatalogEvents.now;
import static dev.itsm.request.catalog.CatalogEvents.offeringFacts;
import static dev.itsm.request.catalog.CatalogEvents.orderable;
import static dev.itsm.request.catalog.CatalogEvents.organisationFacts;
import static dev.itsm.request.catalog.CatalogEvents.person;
import static dev.itsm.request.catalog.CatalogEvents.publishAndWait;
import static dev.itsm.request.catalog.CatalogEvents.relationshipFacts;
import static dev.itsm.request.catalog.CatalogEvents.validAnswers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.platform.approval.ApprovalRule;
import dev.itsm.platform.approval.LevelSpec;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.request.catalog.CatalogEvents.Orderable;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ordering's rules on a replica fed through real catalogue events: every 422, the defaults, the approval levels. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class OrderingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Ordering ordering;
    @Inject
    Organisations organisations;

    private static List<Map<String, Object>> people() {
        return List.of(person("ana", "USER"), person("cleo", "CUSTOMER"), person("sam", "SPONSOR"), person("vic"));
    }

    private OrderTerms check(Orderable o, String requestedFor, Object answers, String caller, boolean onBehalf) {
        return check(o.offeringId(), o.organisationId(), requestedFor, answers, caller, onBehalf, now());
    }

    private OrderTerms check(UUID offering, UUID organisation, String requestedFor, Object answers, String caller,
            boolean onBehalf, Instant at) {
        JsonNode node = answers == null ? null : JSON.valueToTree(answers);
        return QuarkusTransaction.requiringNew().call(() -> ordering.check(offering, organisation, requestedFor, node,
                caller, onBehalf, at));
    }

    private static Problem refused(String slug, Runnable order) {
        ProblemException e = assertThrows(ProblemException.class, order::run);
        Problem p = e.toProblem("/api/v1/requests");
        assertEquals(422, p.getStatus());
        assertEquals(Problem.TYPE_BASE + slug, p.getType().toString(), p.getDetail());
        return p;
    }

    @Test
    void aFreeOfferingWithoutLevelsGivesTheTermsWithDefaultsApplied() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        OrderTerms terms = check(o, "ana", validAnswers(), "ana", false);

        assertEquals(o.offeringId(), terms.offeringId());
        assertEquals("New starter kit", terms.offeringName());
        assertEquals(List.of(o.serviceId()), terms.serviceIds());
        assertEquals(o.relationshipId(), terms.relationshipId());
        assertEquals(o.organisationId(), terms.organisationId());
        assertNull(terms.cost());
        assertEquals(List.of(), terms.approvalLevels(), "free, no levels agreed: approved at once");
        assertEquals(List.of("laptop", "vpn", "setup"), terms.components().stream().map(ComponentTerms::key).toList());

        ComponentTerms laptop = terms.components().get(0);
        assertEquals("GOODS", laptop.kind());
        assertEquals("hardware-desk", laptop.fulfilmentGroup(), "the component's own group");
        assertNull(laptop.accessPeriod(), "only access has a period");
        assertEquals("standard-14", laptop.answers().path("model").asText());
        ComponentTerms vpn = terms.components().get(1);
        assertEquals("service-desk", vpn.fulfilmentGroup(), "request.default-fulfilment-group");
        assertEquals(Duration.ofDays(30), vpn.accessPeriod(), "the component's own period");
        ComponentTerms setup = terms.components().get(2);
        assertEquals("SERVICE_ACTION", setup.kind());
        assertNull(setup.answers(), "not answered");
    }

    @Test
    void anAccessComponentWithoutItsPeriodLastsTheDefaultPeriod() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        UUID wiki = UUID.randomUUID();
        publishAndWait("OfferingPublished", wiki, offeringFacts(wiki, "Wiki access", "PUBLISHED", List.of(), null, null,
                List.of(component("wiki", "ACCESS_TO_RESOURCES", "Wiki editor", null, null)), now()));
        UUID rel = UUID.randomUUID();
        publishAndWait("ServiceRelationshipChanged", rel, relationshipFacts(rel, o.organisationId(), wiki, "sam", List.of(),
                now().minusSeconds(60), null, List.of(), "ACTIVE", 1, now()));
        OrderTerms terms = check(wiki, o.organisationId(), null, null, "ana", false, now());
        assertEquals(Duration.ofDays(90), terms.components().get(0).accessPeriod(), "request.access.default-period");
        assertEquals("service-desk", terms.components().get(0).fulfilmentGroup());
    }

    @Test
    void levelsAreTheRelationshipsThenTheSponsorsBudgetLevelWhenTheOfferingCosts() {
        Orderable o = orderable(cost("1499.00", "EUR", "ONE_OFF"), people(), "sam", List.of(),
                List.of(level("Line manager", "ANY", null, "mia", "max"), level("Security", "QUORUM", 2, "s1", "s2", "s3"),
                        level("Works council", "ALL", null, "w1", "w2")));
        OrderTerms terms = check(o, null, validAnswers(), "ana", false);
        assertEquals(new OfferingCost(new BigDecimal("1499.0"), "EUR", "ONE_OFF").currency(), terms.cost().currency());
        assertEquals(0, new BigDecimal("1499").compareTo(terms.cost().amount()));
        assertEquals("ONE_OFF", terms.cost().period());
        assertEquals(List.of(
                new LevelSpec("Line manager", ApprovalRule.ANY, 1, List.of("mia", "max")),
                new LevelSpec("Security", ApprovalRule.QUORUM, 2, List.of("s1", "s2", "s3")),
                new LevelSpec("Works council", ApprovalRule.ALL, 2, List.of("w1", "w2")),
                new LevelSpec("Budget (sponsor)", ApprovalRule.ANY, 1, List.of("sam"))), terms.approvalLevels());
    }

    @Test
    void theOfferingMustBeKnownAndPublished() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        Problem unknown = refused("unknown-offering", () -> check(UUID.randomUUID(), o.organisationId(), null, validAnswers(),
                "ana", false, now()));
        assertTrue(unknown.getDetail().contains("itsm.catalog.events"), "says the replica may lag");

        publishAndWait("OfferingWithdrawn", o.offeringId(), offeringFacts(o.offeringId(), "New starter kit", "WITHDRAWN",
                List.of(), null, LAPTOP_AND_VPN_FORM, laptopComponents(), now()));
        refused("offering-not-published", () -> check(o, null, validAnswers(), "ana", false));
    }

    @Test
    void theOrganisationMustBeKnownAndActive() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        refused("unknown-organisation", () -> check(o.offeringId(), UUID.randomUUID(), null, validAnswers(), "ana", false, now()));
        publishAndWait("ConsumerOrganisationChanged", o.organisationId(),
                organisationFacts(o.organisationId(), "Finance", "INACTIVE", people(), 2, now()));
        refused("organisation-inactive", () -> check(o, null, validAnswers(), "ana", false));
    }

    @Test
    void theRelationshipMustBeActiveAndValidNow() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        Instant t = now();
        // valid from an hour ago, open-ended: not yet valid two hours ago
        refused("no-valid-relationship", () -> check(o.offeringId(), o.organisationId(), null, validAnswers(), "ana", false,
                t.minus(Duration.ofHours(2))));
        publishAndWait("ServiceRelationshipChanged", o.relationshipId(), relationshipFacts(o.relationshipId(),
                o.organisationId(), o.offeringId(), "sam", List.of(), t.minus(Duration.ofHours(1)), t.plus(Duration.ofDays(1)),
                List.of(), "ACTIVE", 2, t));
        check(o.offeringId(), o.organisationId(), null, validAnswers(), "ana", false, t.plus(Duration.ofHours(23)));
        refused("no-valid-relationship", () -> check(o.offeringId(), o.organisationId(), null, validAnswers(), "ana", false,
                t.plus(Duration.ofDays(1))));

        publishAndWait("ServiceRelationshipChanged", o.relationshipId(), relationshipFacts(o.relationshipId(),
                o.organisationId(), o.offeringId(), "sam", List.of(), t.minus(Duration.ofHours(1)), null, List.of(),
                "TERMINATED", 3, t.plusSeconds(1)));
        refused("no-valid-relationship", () -> check(o, null, validAnswers(), "ana", false));
        // a relationship of another organisation for the same offering does not count
        Orderable other = orderable(null, people(), "sam", List.of(), List.of());
        refused("no-valid-relationship", () -> check(other.offeringId(), o.organisationId(), null, validAnswers(), "ana",
                false, now()));
    }

    @Test
    void withoutNamedOrderersEveryUserOrCustomerMayOrder() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        check(o, null, validAnswers(), "ana", false);
        check(o, null, validAnswers(), "cleo", false);
        Problem sponsorOnly = refused("not-an-orderer", () -> check(o, null, validAnswers(), "sam", false));
        assertEquals("sam", sponsorOnly.getExtensions().get("requestedFor"));
        refused("not-an-orderer", () -> check(o, null, validAnswers(), "vic", false));
        refused("not-an-orderer", () -> check(o, null, validAnswers(), "stranger", false));
    }

    @Test
    void namedOrderersAreTheOnlyOnes() {
        Orderable o = orderable(null, people(), "sam", List.of("vic", "cleo"), List.of());
        check(o, null, validAnswers(), "vic", false);
        refused("not-an-orderer", () -> check(o, null, validAnswers(), "ana", false));
    }

    @Test
    void orderingForSomeoneElseNeedsTheCustomerRoleOrAnAgent() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        refused("not-allowed-to-order-for", () -> check(o, "cleo", validAnswers(), "ana", false));
        OrderTerms byCustomer = check(o, "ana", validAnswers(), "cleo", false);
        assertEquals(o.relationshipId(), byCustomer.relationshipId());
        check(o, "ana", validAnswers(), "agent-alice", true);
        // the agent may order on behalf, but only for an orderer
        refused("not-an-orderer", () -> check(o, "stranger", validAnswers(), "agent-alice", true));
        // before the orderer check: a requester learns nothing about whom else the relationship allows
        refused("not-allowed-to-order-for", () -> check(o, "stranger", validAnswers(), "ana", false));
    }

    @Test
    void answersBreakingTheFormAreListedWithTheirPointers() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        Map<String, Object> bad = Map.of(
                "laptop", Map.of("model", "gaming-18", "keyboard", "a-very-long-layout", "colour", "pink"),
                "vpn", Map.of(),
                "printer", Map.of());
        Problem p = refused("invalid-answers", () -> check(o, null, bad, "ana", false));
        List<String> fields = p.getErrors().stream().map(Problem.FieldError::field).toList();
        assertEquals(List.of("/laptop/colour", "/laptop/keyboard", "/laptop/model", "/printer", "/vpn/profile"), fields,
                p.getErrors().toString());
        assertTrue(p.getErrors().stream().allMatch(e -> e.message() != null && !e.message().isBlank()));
        assertEquals("must be at most 10 characters long", p.getErrors().get(1).message(), "the message, not its location");
        assertTrue(p.getErrors().get(3).message().contains("printer"), p.getErrors().get(3).message());
        assertTrue(p.getErrors().get(4).message().contains("profile"), p.getErrors().get(4).message());
    }

    @Test
    void noAnswersAgainstAFormWithRequiredPropertiesNameEachMissingOne() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        Problem p = refused("invalid-answers", () -> check(o, null, null, "ana", false));
        assertEquals(List.of("/laptop", "/vpn"), p.getErrors().stream().map(Problem.FieldError::field).toList());
        Problem notAnObject = refused("invalid-answers", () -> check(o, null, List.of(1, 2), "ana", false));
        assertEquals("", notAnObject.getErrors().get(0).field());
    }

    @Test
    void anOfferingWithoutAFormTakesNoAnswers() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        UUID plain = UUID.randomUUID();
        publishAndWait("OfferingPublished", plain, offeringFacts(plain, "Desk phone", "PUBLISHED", List.of(), null, null,
                List.of(component("phone", "GOODS", "Desk phone", null, null)), now()));
        UUID rel = UUID.randomUUID();
        publishAndWait("ServiceRelationshipChanged", rel, relationshipFacts(rel, o.organisationId(), plain, "sam", List.of(),
                now().minusSeconds(60), null, List.of(), "ACTIVE", 1, now()));
        assertNull(check(plain, o.organisationId(), null, null, "ana", false, now()).components().get(0).answers());
        check(plain, o.organisationId(), null, Map.of(), "ana", false, now());
        Problem p = refused("invalid-answers", () -> check(plain, o.organisationId(), null, Map.of("phone", Map.of()), "ana",
                false, now()));
        assertEquals("/phone", p.getErrors().get(0).field());
    }

    @Test
    void anEditedFormAppliesAtTheNextOrder() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        check(o, null, validAnswers(), "ana", false); // compiled and cached
        Map<String, Object> stricter = Map.of("type", "object", "required", List.of("setup"),
                "properties", Map.of("setup", Map.of("type", "object")));
        publishAndWait("OfferingChanged", o.offeringId(), offeringFacts(o.offeringId(), "New starter kit", "PUBLISHED",
                List.of(), null, stricter, laptopComponents(), now()));
        Problem p = refused("invalid-answers", () -> check(o, null, validAnswers(), "ana", false));
        assertEquals(List.of("/setup"), p.getErrors().stream().map(Problem.FieldError::field).toList());
        check(o, null, Map.of("setup", Map.of("desk", "4.12")), "ana", false);
    }

    @Test
    void aFormWithARemoteReferenceIsNeverFetched() {
        Orderable o = orderable(null, people(), "sam", List.of(), List.of());
        Map<String, Object> remote = Map.of("type", "object", "properties",
                Map.of("laptop", Map.of("$ref", "http://127.0.0.1:9/laptop.json")));
        publishAndWait("OfferingChanged", o.offeringId(), offeringFacts(o.offeringId(), "New starter kit", "PUBLISHED",
                List.of(), null, remote, laptopComponents(), now()));
        Problem p = refused("unusable-request-form", () -> check(o, null, validAnswers(), "ana", false));
        assertTrue(p.getDetail().contains("http://127.0.0.1:9/laptop.json"), p.getDetail());
    }

    @Test
    void aLevelOnlyTheRequesterCouldPassIsRefused() {
        // the sponsor orders a costly offering for themselves: the budget level has nobody else
        Orderable costly = orderable(cost("10.00", "EUR", "MONTHLY"), List.of(person("sam", "USER", "SPONSOR")), "sam",
                List.of(), List.of());
        Problem p = refused("no-eligible-approver", () -> check(costly, null, validAnswers(), "sam", false));
        assertEquals(1, p.getExtensions().get("level"));
        // an ALL level naming the requester and one other is passable (the requester's approval is not required)
        Orderable all = orderable(null, people(), "sam", List.of(), List.of(level("Team", "ALL", null, "ana", "mia")));
        assertEquals(1, check(all, null, validAnswers(), "ana", false).approvalLevels().size());
        // a quorum of 2 among the requester and one other cannot be reached
        Orderable quorum = orderable(null, people(), "sam", List.of(),
                List.of(level("Peers", "ANY", null, "max"), level("Team", "QUORUM", 2, "ana", "mia")));
        Problem q = refused("no-eligible-approver", () -> check(quorum, null, validAnswers(), "ana", false));
        assertEquals(2, q.getExtensions().get("level"));
        assertEquals(2, check(quorum, null, validAnswers(), "cleo", false).approvalLevels().size(), "fine for another requester");
    }

    @Test
    void customersAreKnownPerOrganisation() {
        Orderable a = orderable(null, List.of(person("cleo", "CUSTOMER"), person("ana", "USER")), "sam", List.of(), List.of());
        Orderable b = orderable(null, List.of(person("cleo", "USER", "CUSTOMER")), "sam", List.of(), List.of());
        Orderable c = orderable(null, List.of(person("cleo", "USER")), "sam", List.of(), List.of());
        assertTrue(organisations.isCustomer("cleo", a.organisationId()));
        assertTrue(organisations.isCustomer("cleo", b.organisationId()));
        assertFalse(organisations.isCustomer("cleo", c.organisationId()));
        assertFalse(organisations.isCustomer("ana", a.organisationId()));
        assertFalse(organisations.isCustomer("cleo", UUID.randomUUID()));
        assertFalse(organisations.isCustomer("\"cleo\"", a.organisationId()), "a subject is matched as a JSON string");
        List<UUID> where = organisations.organisationsWhereCustomer("cleo");
        assertTrue(where.contains(a.organisationId()) && where.contains(b.organisationId()));
        assertFalse(where.contains(c.organisationId()));

        // losing the role takes the organisation away
        publishAndWait("ConsumerOrganisationChanged", a.organisationId(),
                organisationFacts(a.organisationId(), "Finance", "ACTIVE", List.of(person("cleo", "USER")), 2, now()));
        assertFalse(organisations.organisationsWhereCustomer("cleo").contains(a.organisationId()));
        assertEquals(List.of(), organisations.organisationsWhereCustomer("nobody"));
    }
}
