package dev.itsm.catalog.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.approval.ApprovalRule;
import dev.itsm.platform.approval.LevelSpec;
import dev.itsm.platform.problem.IllegalTransitionException;

/** The lifecycles of consumer organisations and service relationships, and what their changes report. */
class ConsumerLifecycleTest {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void anOrganisationIsDeactivatedAndActivatedAgainAndEditableInBoth() {
        ConsumerOrganisation o = ConsumerOrganisation.create(UUID.randomUUID(), "Finance", null, null, NOW);
        assertEquals(List.of("deactivate"), o.state().allowedCommands());
        assertEquals(List.of("state"), o.deactivate(NOW));
        assertThrows(IllegalTransitionException.class, () -> o.deactivate(NOW));
        assertEquals(List.of("activate"), o.state().allowedCommands());
        assertTrue(o.putPerson("fiona", "Fiona", EnumSet.of(PersonRole.SPONSOR), NOW), "a new person");
        assertFalse(o.putPerson("fiona", "Fiona F.", EnumSet.of(PersonRole.SPONSOR, PersonRole.USER), NOW), "replaced");
        assertEquals(List.of("name", "parentId"), o.edit("Finance & Controlling", null, UUID.randomUUID(), NOW));
        assertEquals(List.of("state"), o.activate(NOW));
        assertEquals(List.of(PersonRole.USER, PersonRole.SPONSOR), o.changed(List.of(), NOW).facts().people().get(0).roles());
    }

    @Test
    void aRelationshipIsAmendedWhileActiveAndTerminatedForGood() {
        LevelSpec lead = new LevelSpec("Lead", ApprovalRule.ANY, 1, List.of("lea"));
        ServiceRelationship r = ServiceRelationship.start(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), NOW,
                new ServiceRelationship.Terms("fiona", List.of("ulla"), null, List.of(lead)), NOW);
        assertEquals(List.of("terminate"), r.state().allowedCommands());
        assertEquals(List.of(), r.amend(r.terms(), NOW), "the same terms change nothing");
        assertEquals(List.of("orderers", "validUntil"),
                r.amend(new ServiceRelationship.Terms("fiona", List.of(), NOW.plusSeconds(60), List.of(lead)), NOW));
        assertEquals(List.of("state"), r.terminate(NOW));
        assertEquals(RelationshipState.TERMINATED, r.state());
        assertEquals(List.of(), r.state().allowedCommands());
        assertThrows(IllegalTransitionException.class, () -> r.terminate(NOW));
        assertThrows(IllegalTransitionException.class, () -> r.amend(r.terms(), NOW));
    }

    @Test
    void rolesAreStoredInOneColumnInEnumOrder() {
        PersonRolesConverter converter = new PersonRolesConverter();
        assertEquals("USER,SPONSOR", converter.convertToDatabaseColumn(EnumSet.of(PersonRole.SPONSOR, PersonRole.USER)));
        assertEquals(EnumSet.of(PersonRole.CUSTOMER, PersonRole.SPONSOR), converter.convertToEntityAttribute("SPONSOR,CUSTOMER"));
    }
}
