package dev.itsm.webhook.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.problem.IllegalTransitionException;

/** What delivery asks a subscription: does an event match, is it deliverable, which secrets sign. */
class SubscriptionMatchTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static Subscription subscription(List<String> types, List<String> subjects) {
        return Subscription.create(UUID.randomUUID(), "s", null, URI.create("https://hooks.example.com/"), types, subjects,
                SubscriptionState.ACTIVE, "whsec_a", "t", T0);
    }

    @Test
    void exactTypesAndWholeServicesMatch() {
        Subscription s = subscription(List.of("dev.itsm.incident.IncidentOpened", "dev.itsm.sla.*"), List.of());
        assertTrue(s.matches("dev.itsm.incident.IncidentOpened", "i-1"));
        assertFalse(s.matches("dev.itsm.incident.IncidentClosed", "i-1"));
        assertTrue(s.matches("dev.itsm.sla.SlaBreached", null));
        assertFalse(s.matches("dev.itsm.slax.SlaBreached", "x"), "the wildcard is one service, not a prefix");
        assertFalse(s.matches("dev.itsm.sla.sub.Deeper", "x"));
        assertFalse(s.matches(null, "x"));
    }

    @Test
    void aSubjectFilterKeepsOnlyItsSubjects() {
        Subscription s = subscription(List.of("dev.itsm.incident.*"), List.of("i-1", "i-2"));
        assertTrue(s.matches("dev.itsm.incident.IncidentOpened", "i-2"));
        assertFalse(s.matches("dev.itsm.incident.IncidentOpened", "i-3"));
        assertFalse(s.matches("dev.itsm.incident.IncidentOpened", null));
    }

    @Test
    void onlyActiveIsDeliverableAndResumeReEnablesADisabledOne() {
        Subscription s = subscription(List.of("dev.itsm.incident.*"), List.of());
        assertTrue(s.isDeliverable());
        s.disable("target answered 410 Gone", T0.plusSeconds(1));
        assertFalse(s.isDeliverable());
        assertEquals(SubscriptionState.DISABLED, s.state());
        assertEquals("target answered 410 Gone", s.disabledReason());
        assertThrows(IllegalTransitionException.class, () -> s.pause(T0));
        s.resume(T0.plusSeconds(2));
        assertTrue(s.isDeliverable());
        assertEquals(null, s.disabledReason());
    }

    @Test
    void signingSecretsAreTheCurrentOneThenThePreviousDuringItsOverlap() {
        Subscription s = subscription(List.of("dev.itsm.incident.*"), List.of());
        s.rotateSecret("whsec_b", T0.plusSeconds(60), T0);
        assertEquals(List.of("whsec_b", "whsec_a"), s.signingSecrets(T0.plusSeconds(59)));
        assertEquals(List.of("whsec_b"), s.signingSecrets(T0.plusSeconds(60)));
    }
}
