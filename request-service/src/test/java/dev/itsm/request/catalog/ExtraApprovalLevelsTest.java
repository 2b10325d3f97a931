package dev.itsm.request.catalog;

import static dev.itsm.request.catalog.CatalogEvents.cost;
import static dev.itsm.request.catalog.CatalogEvents.level;
import static dev.itsm.request.catalog.CatalogEvents.now;
import static dev.itsm.request.catalog.CatalogEvents.orderable;
import static dev.itsm.request.catalog.CatalogEvents.person;
import static dev.itsm.request.catalog.CatalogEvents.validAnswers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.platform.approval.ApprovalRule;
import dev.itsm.platform.approval.LevelSpec;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.request.catalog.CatalogEvents.Orderable;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** request.approval.extra-levels come after the relationship's and the budget level; the defaults are configurable. */
@QuarkusTest
@TestProfile(ExtraApprovalLevelsTest.Configured.class)
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class ExtraApprovalLevelsTest {

    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "request.approval.extra-levels", "Security: ALL: sec1, sec2; Change board: QUORUM(2): c1,c2",
                    "request.default-fulfilment-group", "it-ops");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Ordering ordering;

    private OrderTerms check(Orderable o, String caller) {
        return QuarkusTransaction.requiringNew().call(() -> ordering.check(o.offeringId(), o.organisationId(), null,
                JSON.valueToTree(validAnswers()), caller, false, now()));
    }

    @Test
    void theConfiguredLevelsFollowTheRelationshipsAndTheBudgetLevel() {
        Orderable o = orderable(cost("99.00", "EUR", "YEARLY"), List.of(person("ana", "USER"), person("sec1", "USER")), "sam",
                List.of(), List.of(level("Line manager", "ANY", 1, "mia")));
        assertEquals(List.of(
                new LevelSpec("Line manager", ApprovalRule.ANY, 1, List.of("mia")),
                new LevelSpec("Budget (sponsor)", ApprovalRule.ANY, 1, List.of("sam")),
                new LevelSpec("Security", ApprovalRule.ALL, 2, List.of("sec1", "sec2")),
                new LevelSpec("Change board", ApprovalRule.QUORUM, 2, List.of("c1", "c2"))), check(o, "ana").approvalLevels());
        // sec1 orders: the ALL level still passes with sec2 (ApprovalChain does not wait for the requester)
        assertEquals(4, check(o, "sec1").approvalLevels().size());
    }

    @Test
    void theConfiguredDefaultsApplyToComponentsWithoutTheirOwn() {
        Orderable o = orderable(null, List.of(person("ana", "USER")), "sam", List.of(), List.of());
        OrderTerms terms = check(o, "ana");
        assertEquals("hardware-desk", terms.components().get(0).fulfilmentGroup());
        assertEquals("it-ops", terms.components().get(1).fulfilmentGroup());
        assertEquals(Duration.ofDays(30), terms.components().get(1).accessPeriod(), "its own period wins");
        assertEquals(2, terms.approvalLevels().size(), "free: only the configured levels");
    }

    @Test
    void aConfiguredLevelNobodyElseCanPassIsRefused() {
        // c1 orders: the change board's quorum of 2 would need c1's own approval
        Orderable o = orderable(null, List.of(person("c1", "USER")), "sam", List.of(), List.of());
        ProblemException e = assertThrows(ProblemException.class, () -> check(o, "c1"));
        assertEquals(422, e.status());
        assertEquals("https://itsm.dev/problems/no-eligible-approver", e.toProblem(null).getType().toString());
        assertEquals(2, e.toProblem(null).getExtensions().get("level"));
    }
}
