package dev.itsm.sla.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.sla.agreement.AgreementDefinition.AppliesTo;
import dev.itsm.sla.agreement.AgreementDefinition.PauseConditions;
import dev.itsm.sla.agreement.AgreementDefinition.Scope;
import dev.itsm.sla.agreement.AgreementDefinition.Target;
import dev.itsm.sla.timer.Metric;

/** The pure agreement rules: coverage, targets and pause conditions (incl. hold reasons). */
class AgreementDefinitionTest {

    static final UUID MAIL = UUID.randomUUID();

    static AgreementDefinition of(AgreementType type, PauseConditions pause, AppliesTo appliesTo, Scope scope) {
        return new AgreementDefinition("x", type, type == AgreementType.UC ? "Acme" : null, scope, appliesTo, null,
                List.of(new Target(Metric.TIME_TO_RESOLVE, Priority.P1, "PT4H"), new Target(Metric.TIME_TO_RESPOND, Priority.P1, "PT15M")),
                pause, null, null).normalised();
    }

    @Test
    void holdReasonsDecideWhetherOnHoldPauses() {
        AgreementDefinition ola = of(AgreementType.OLA, new PauseConditions(List.of(PausingState.ON_HOLD), List.of(HoldReason.AWAITING_CALLER)),
                null, new Scope(true, List.of(), List.of()));
        AgreementDefinition uc = of(AgreementType.UC, new PauseConditions(List.of(PausingState.ON_HOLD),
                List.of(HoldReason.AWAITING_CALLER, HoldReason.AWAITING_VENDOR)), null, new Scope(true, List.of(), List.of()));
        assertTrue(ola.pausesIn("ON_HOLD", "AWAITING_CALLER"));
        assertFalse(ola.pausesIn("ON_HOLD", "AWAITING_VENDOR"));
        assertTrue(uc.pausesIn("ON_HOLD", "AWAITING_VENDOR"));
        assertFalse(uc.pausesIn("ON_HOLD", "AWAITING_CHANGE"));
        assertFalse(uc.pausesIn("ON_HOLD", null), "a hold without a reason pauses only when every reason does");
        assertFalse(uc.pausesIn("IN_PROGRESS", null));
        assertFalse(uc.pausesIn("RESOLVED", null));
    }

    @Test
    void defaultsPauseOnEveryHoldAndWarnAt50And75() {
        AgreementDefinition d = of(AgreementType.SLA, null, null, new Scope(true, List.of(), List.of()));
        assertTrue(d.pausesIn("ON_HOLD", null));
        assertTrue(d.pausesIn("ON_HOLD", "AWAITING_CHANGE"));
        assertFalse(d.pausesIn("NEW", null));
        assertEquals(List.of(50, 75), d.warningThresholds());
        assertEquals(AgreementDefinition.TWENTY_FOUR_SEVEN, d.calendarId());
        AgreementDefinition newPauses = of(AgreementType.SLA, new PauseConditions(List.of(PausingState.NEW), List.of()), null, new Scope(true, List.of(), List.of()));
        assertTrue(newPauses.pausesIn("NEW", null));
    }

    @Test
    void coverageFollowsScopePrioritiesAndCategories() {
        AgreementDefinition d = of(AgreementType.SLA, null, new AppliesTo(List.of(Priority.P1, Priority.P2), List.of("Email")),
                new Scope(false, List.of(MAIL), List.of()));
        assertTrue(d.covers(MAIL, "P1", "email"));
        assertFalse(d.covers(UUID.randomUUID(), "P1", "email"));
        assertFalse(d.covers(null, "P1", "email"));
        assertFalse(d.covers(MAIL, "P3", "email"));
        assertFalse(d.covers(MAIL, "P1", "network"));
        assertFalse(d.covers(MAIL, "P1", null));
        assertTrue(of(AgreementType.SLA, null, null, new Scope(true, List.of(), List.of())).covers(null, "P5", null));
    }

    @Test
    void targetsArePerMetricAndPriority() {
        AgreementDefinition d = of(AgreementType.SLA, null, null, new Scope(true, List.of(), List.of()));
        assertEquals(Optional.of(Duration.ofHours(4)), d.target(Metric.TIME_TO_RESOLVE, "P1"));
        assertEquals(Optional.of(Duration.ofMinutes(15)), d.target(Metric.TIME_TO_RESPOND, "P1"));
        assertEquals(Optional.empty(), d.target(Metric.TIME_TO_RESOLVE, "P2"));
    }

    static AgreementDefinition request(Scope scope) {
        return new AgreementDefinition("r", AgreementType.SLA, null, scope, null, null,
                List.of(new Target(Metric.TIME_TO_FULFIL, null, "P5D"), new Target(Metric.TIME_TO_APPROVE, null, "P1D")), null, null,
                dev.itsm.sla.timer.RecordKind.REQUEST).normalised();
    }

    @Test
    void aRequestIsCoveredByItsOfferingOrOneOfItsServicesAndOnlyByRequestAgreements() {
        UUID offering = UUID.randomUUID();
        AgreementDefinition byOffering = request(new Scope(false, List.of(), List.of(offering)));
        AgreementDefinition byService = request(new Scope(false, List.of(MAIL), List.of()));
        assertTrue(byOffering.coversRequest(offering, List.of()));
        assertFalse(byOffering.coversRequest(UUID.randomUUID(), List.of(MAIL)));
        assertTrue(byService.coversRequest(UUID.randomUUID(), List.of(UUID.randomUUID(), MAIL)));
        assertFalse(byService.coversRequest(offering, List.of()));
        assertTrue(request(new Scope(true, List.of(), List.of())).coversRequest(null, List.of()));
        AgreementDefinition incidents = of(AgreementType.SLA, null, null, new Scope(true, List.of(), List.of()));
        assertFalse(incidents.coversRequest(offering, List.of(MAIL)), "an incident agreement times no request");
        assertFalse(byService.covers(MAIL, "P1", null), "a request agreement times no incident");
    }

    @Test
    void requestTargetsHaveNoPriorityAndRequestAgreementsPauseOnNoIncidentState() {
        AgreementDefinition d = request(new Scope(true, List.of(), List.of()));
        assertEquals(Optional.of(Duration.ofDays(5)), d.target(Metric.TIME_TO_FULFIL, null));
        assertEquals(Optional.of(Duration.ofDays(1)), d.target(Metric.TIME_TO_APPROVE, null));
        assertEquals(Optional.empty(), d.target(Metric.TIME_TO_FULFIL, "P1"));
        assertEquals(List.of(), d.pauseConditions().states());
        assertFalse(d.pausesIn("ON_HOLD", null));
        d.validate(); // valid as it is
    }

    @Test
    void aDefinitionStoredBeforeRecordKindsIsAnIncidentOne() {
        AgreementDefinition stored = new AgreementDefinition("old", AgreementType.SLA, null, new Scope(false, List.of(MAIL), null),
                new AppliesTo(List.of(), List.of()), AgreementDefinition.TWENTY_FOUR_SEVEN,
                List.of(new Target(Metric.TIME_TO_RESOLVE, Priority.P1, "PT4H")), new PauseConditions(List.of(PausingState.ON_HOLD), List.of()),
                List.of(50, 75), null);
        assertEquals(dev.itsm.sla.timer.RecordKind.INCIDENT, stored.kind());
        assertEquals(List.of(), stored.scope().offerings());
        assertTrue(stored.covers(MAIL, "P1", null));
    }
}
