package dev.itsm.request.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itsm.platform.approval.ApprovalRule;
import dev.itsm.platform.approval.LevelSpec;
import dev.itsm.platform.approval.LevelSpecs;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.platform.problem.UnprocessableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ordering rules, decided on the catalogue replica: who may order which offering for whom, with which answers,
 * through which approval levels. Each rule that fails is a 422 problem whose type names it; the order of the checks
 * is the order of the questions a client would ask (does the offering exist, is it orderable, by this
 * organisation, by this person, with these answers, can anyone approve it).
 */
@ApplicationScoped
public class Ordering {

    static final String ACCESS_TO_RESOURCES = "ACCESS_TO_RESOURCES";
    static final String BUDGET_LEVEL = "Budget (sponsor)";

    private final AnswerValidator answers;
    private final Organisations organisations;
    private final String defaultFulfilmentGroup;
    private final Duration defaultAccessPeriod;
    private final List<LevelSpec> extraLevels;

    Ordering(AnswerValidator answers, Organisations organisations,
            @ConfigProperty(name = "request.default-fulfilment-group", defaultValue = "service-desk") String defaultFulfilmentGroup,
            @ConfigProperty(name = "request.access.default-period", defaultValue = "P90D") Duration defaultAccessPeriod,
            @ConfigProperty(name = "request.approval.extra-levels", defaultValue = "none") String extraLevels) {
        this.answers = answers;
        this.organisations = organisations;
        this.defaultFulfilmentGroup = defaultFulfilmentGroup;
        this.defaultAccessPeriod = defaultAccessPeriod;
        // a typo in the configured levels fails the start, not the first order
        this.extraLevels = LevelSpecs.parse("request.approval.extra-levels", extraLevels);
    }

    /**
     * Everything needed to create the request, or a 422 problem: unknown-offering (the replica is fed by
     * itsm.catalog.events and may lag), offering-not-published, unknown-organisation, organisation-inactive,
     * no-valid-relationship (none ACTIVE and valid at {@code now}), not-allowed-to-order-for (the caller is neither
     * requestedFor nor CUSTOMER of the organisation, and not {@code onBehalf}), not-an-orderer (requestedFor is not
     * allowed by the relationship), invalid-answers (errors[] each with field = JSON pointer of the answer),
     * no-eligible-approver (a level that nobody but the caller could pass).
     *
     * @param requestedFor the subject the request is for; null = the caller
     * @param onBehalf true for agents/admins, who may order for any orderer of the organisation
     */
    public OrderTerms check(UUID offeringId, UUID organisationId, String requestedFor, JsonNode answers,
            String caller, boolean onBehalf, Instant now) {
        String beneficiary = requestedFor == null || requestedFor.isBlank() ? caller : requestedFor;
        OfferingReplica offering = OfferingReplica.findById(offeringId);
        if (offering == null) {
            throw new UnprocessableException("unknown-offering", "Unknown offering", "Offering " + offeringId
                    + " is not in request-service's catalogue replica; it is fed by itsm.catalog.events and may lag "
                    + "the catalogue by a moment, so retry shortly if the offering was just created",
                    Map.of("offeringId", offeringId));
        }
        if (!OfferingReplica.PUBLISHED.equals(offering.state())) {
            throw new UnprocessableException("offering-not-published", "Offering not published",
                    "Offering " + offering.name() + " is " + offering.state() + "; only PUBLISHED offerings can be ordered",
                    Map.of("offeringId", offeringId, "offeringState", offering.state()));
        }
        OrganisationReplica organisation = OrganisationReplica.findById(organisationId);
        if (organisation == null) {
            throw new UnprocessableException("unknown-organisation", "Unknown organisation", "Consumer organisation "
                    + organisationId + " is not in request-service's catalogue replica (fed by itsm.catalog.events)",
                    Map.of("organisationId", organisationId));
        }
        if (!organisation.isActive()) {
            throw new UnprocessableException("organisation-inactive", "Organisation inactive",
                    "Consumer organisation " + organisation.name() + " is " + organisation.state(),
                    Map.of("organisationId", organisationId));
        }
        RelationshipReplica relationship = RelationshipReplica.validAt(organisationId, offeringId, now)
                .orElseThrow(() -> new UnprocessableException("no-valid-relationship", "No valid service relationship",
                        "Organisation " + organisation.name() + " has no ACTIVE service relationship for offering "
                                + offering.name() + " valid at " + now,
                        Map.of("organisationId", organisationId, "offeringId", offeringId)));
        if (!onBehalf && !beneficiary.equals(caller) && !organisations.isCustomer(caller, organisationId)) {
            throw new UnprocessableException("not-allowed-to-order-for", "Not allowed to order for someone else",
                    caller + " may order for themselves only: ordering for another person needs the CUSTOMER role in "
                            + organisation.name() + " (or an agent)",
                    Map.of("requestedFor", beneficiary));
        }
        if (!mayOrder(relationship, organisation, beneficiary)) {
            throw new UnprocessableException("not-an-orderer", "Not an orderer",
                    beneficiary + " may not order " + offering.name() + " under the service relationship of "
                            + organisation.name() + (relationship.orderers().isEmpty()
                                    ? " (orderers: every USER or CUSTOMER of the organisation)"
                                    : " (orderers named in the relationship only)"),
                    Map.of("requestedFor", beneficiary, "relationshipId", relationship.id()));
        }
        List<Problem.FieldError> errors = this.answers.violations(offering, answers);
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "invalid-answers", "Invalid answers",
                    errors.size() == 1 ? "1 answer breaks the offering's request form"
                            : errors.size() + " answers break the offering's request form",
                    errors, Map.of("offeringId", offeringId));
        }
        List<LevelSpec> levels = levels(relationship, offering);
        for (int i = 0; i < levels.size(); i++) {
            LevelSpec level = levels.get(i);
            if (!passable(level, caller)) {
                throw new UnprocessableException("no-eligible-approver", "No eligible approver",
                        "Approval level " + (i + 1) + " (" + level.name() + ") could only be passed by " + caller
                                + ", who may not approve their own request",
                        Map.of("level", i + 1, "levelName", level.name()));
            }
        }
        return new OrderTerms(offering.id(), offering.name(), offering.serviceIds(), relationship.id(), organisationId,
                offering.cost(), levels, components(offering, answers));
    }

    /** Named orderers, or (none named) every USER or CUSTOMER of the organisation. */
    private static boolean mayOrder(RelationshipReplica relationship, OrganisationReplica organisation, String subject) {
        if (!relationship.orderers().isEmpty()) {
            return relationship.orderers().contains(subject);
        }
        return organisation.person(subject)
                .filter(p -> p.has(PersonReplica.USER) || p.has(PersonReplica.CUSTOMER))
                .isPresent();
    }

    /** The relationship's levels, the sponsor's budget level when the offering costs something, the configured extras. */
    private List<LevelSpec> levels(RelationshipReplica relationship, OfferingReplica offering) {
        List<LevelSpec> levels = new ArrayList<>();
        relationship.approvalLevels().forEach(l -> levels.add(l.toSpec()));
        if (offering.cost() != null) {
            levels.add(new LevelSpec(BUDGET_LEVEL, ApprovalRule.ANY, 1,
                    relationship.sponsor() == null ? List.of() : List.of(relationship.sponsor())));
        }
        levels.addAll(extraLevels);
        return levels;
    }

    /** Whether the level can pass without the requester's own approval (no self-approval, ApprovalChain's rule). */
    private static boolean passable(LevelSpec level, String requester) {
        long others = level.approvers().stream().filter(a -> !a.equals(requester)).distinct().count();
        return switch (level.rule()) {
            case ANY, ALL -> others >= 1;
            case QUORUM -> others >= level.quorum();
        };
    }

    private List<ComponentTerms> components(OfferingReplica offering, JsonNode answers) {
        List<ComponentTerms> terms = new ArrayList<>();
        for (ComponentReplica c : offering.components()) {
            JsonNode answer = answers == null || !answers.isObject() || !answers.has(c.key()) || answers.get(c.key()).isNull()
                    ? null : answers.get(c.key());
            Duration period = ACCESS_TO_RESOURCES.equals(c.kind())
                    ? (c.accessPeriod() == null ? defaultAccessPeriod : Duration.parse(c.accessPeriod()))
                    : null;
            terms.add(new ComponentTerms(c.key(), c.kind(), c.description(),
                    c.fulfilmentGroup() == null || c.fulfilmentGroup().isBlank() ? defaultFulfilmentGroup : c.fulfilmentGroup(),
                    period, answer));
        }
        return terms;
    }
}
