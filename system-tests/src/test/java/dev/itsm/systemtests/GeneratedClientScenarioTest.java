package dev.itsm.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;

import dev.itsm.client.ApiClient;
import dev.itsm.client.ApiException;
import dev.itsm.client.api.AgreementsApi;
import dev.itsm.client.api.ChangeRequestsApi;
import dev.itsm.client.api.IncidentsApi;
import dev.itsm.client.api.ServicesApi;
import dev.itsm.client.api.TimersApi;
import dev.itsm.client.model.AgreementPage;
import dev.itsm.client.model.AgreementRequest;
import dev.itsm.client.model.AgreementScope;
import dev.itsm.client.model.AgreementState;
import dev.itsm.client.model.AgreementTarget;
import dev.itsm.client.model.AgreementType;
import dev.itsm.client.model.AgreementView;
import dev.itsm.client.model.ChangeCreateRequest;
import dev.itsm.client.model.ChangePage;
import dev.itsm.client.model.ChangeState;
import dev.itsm.client.model.ChangeType;
import dev.itsm.client.model.ChangeView;
import dev.itsm.client.model.CreateIncidentRequest;
import dev.itsm.client.model.IncidentImpact;
import dev.itsm.client.model.IncidentLinkRelation;
import dev.itsm.client.model.IncidentLinkRequest;
import dev.itsm.client.model.IncidentLinkView;
import dev.itsm.client.model.IncidentPage;
import dev.itsm.client.model.IncidentPatch;
import dev.itsm.client.model.IncidentPriority;
import dev.itsm.client.model.IncidentSlaTimer;
import dev.itsm.client.model.IncidentSlaTimerState;
import dev.itsm.client.model.IncidentState;
import dev.itsm.client.model.IncidentUrgency;
import dev.itsm.client.model.IncidentView;
import dev.itsm.client.model.ServiceLifecycleStatus;
import dev.itsm.client.model.ServiceRequest;
import dev.itsm.client.model.ServiceType;
import dev.itsm.client.model.ServiceView;
import dev.itsm.client.model.SlaMetric;
import dev.itsm.client.model.SlaPriority;
import dev.itsm.client.model.SlaTimerPage;
import dev.itsm.client.model.SlaTimerView;

/**
 * An integrator's day through the Java client generated from the merged OpenAPI document (module
 * {@code api-client}): every call and every answer is typed, so a response the document leaves
 * untyped, a PATCH body a client cannot send or a renamed operation breaks this build. The client
 * also refuses fields the document does not declare.
 */
@Order(1)
class GeneratedClientScenarioTest {

    static final Duration REPLICA_DEADLINE = Duration.ofSeconds(30);

    /** A client for the gateway with a bearer token for {@code subject}, as an integrator configures it. */
    static ApiClient client(String subject, String... roles) {
        String token = Suite.token(subject, roles);
        ApiClient client = new ApiClient();
        client.updateBaseUri(Suite.gateway());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        client.setReadTimeout(Duration.ofSeconds(90)); // generous: the suite shares two cores with the build
        // an answer carrying a field the document does not declare is a contract gap, not something to skip
        client.getObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        return client;
    }

    /**
     * Retries a call while another service's replica has not yet seen a reference made moments ago
     * (422 {@code unknown-…}, the documented "replica catching up" answer); anything else fails.
     */
    static <T> T whileReplicaCatchesUp(Callable<T> call) {
        Object[] result = new Object[1];
        await().atMost(REPLICA_DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
            try {
                result[0] = call.call();
                return true;
            } catch (ApiException e) {
                String answer = e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")") + " "
                        + e.getResponseBody();
                assertEquals(422, e.getCode(), () -> "only a replica catching up may delay this: " + answer);
                assertTrue(e.getResponseBody().contains("https://itsm.dev/problems/unknown-"), answer);
                return false;
            }
        });
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    static String etag(Long version) {
        return "\"" + version + "\"";
    }

    @Test
    void anIntegratorRunsAnIncidentFromServiceToChangeThroughTheGeneratedClient() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ServicesApi services = new ServicesApi(client("gc-catalog", "itsm-catalog-admin"));
        AgreementsApi agreements = new AgreementsApi(client("gc-sla", "itsm-sla-admin"));
        TimersApi timers = new TimersApi(client("gc-sla-reader", "itsm-reader"));
        IncidentsApi incidents = new IncidentsApi(client("gc-agent", "itsm-agent"));
        ChangeRequestsApi changes = new ChangeRequestsApi(client("gc-rita", "itsm-agent", "itsm-change-manager"));

        // a catalogue service, made live
        ServiceView added = services.addService(new ServiceRequest().key("gen-client-" + suffix)
                .name("Generated client " + suffix).type(ServiceType.BUSINESS).owner("ops-team")
                .utility("Lets people work"), null);
        assertNotNull(added.getId());
        ServiceView live = services.takeServiceLive(added.getId(), etag(added.getVersion()));
        assertEquals(ServiceLifecycleStatus.LIVE, live.getState());
        UUID serviceId = live.getId();

        // an agreement for it, so that the incident's sla[] fills in
        AgreementView agreement = whileReplicaCatchesUp(() -> agreements.createSlaAgreement(new AgreementRequest()
                .name("Generated client SLA " + suffix).type(AgreementType.SLA)
                .scope(new AgreementScope().allServices(false).serviceIds(List.of(serviceId)))
                .targets(List.of(
                        new AgreementTarget().metric(SlaMetric.TIME_TO_RESPOND).priority(SlaPriority.P5).duration("PT1H"),
                        new AgreementTarget().metric(SlaMetric.TIME_TO_RESOLVE).priority(SlaPriority.P5).duration("PT8H")))
                .warningThresholds(List.of(80)), null));
        assertEquals(AgreementState.ACTIVE, agreement.getState());

        // an incident, its title merge-patched, acknowledged
        IncidentView opened = whileReplicaCatchesUp(() -> incidents.openIncident(new CreateIncidentRequest()
                .title("Users cannot log in").description("Since 09:10 every login fails")
                .caller("jane.doe@example.com").serviceId(serviceId).category("software")
                .impact(IncidentImpact.LOW).urgency(IncidentUrgency.LOW), null));
        assertEquals(IncidentState.NEW, opened.getState());
        assertEquals(IncidentPriority.P5, opened.getPriority());
        UUID incidentId = opened.getId();

        IncidentView patched = incidents.updateIncident(incidentId,
                new IncidentPatch().title("Users cannot log in to the portal"), etag(opened.getVersion()));
        assertEquals("Users cannot log in to the portal", patched.getTitle());
        assertEquals("software", patched.getCategory(), "a merge patch leaves what it does not name");

        IncidentView acknowledged = incidents.acknowledgeIncident(incidentId, etag(patched.getVersion()));
        assertEquals(IncidentState.IN_PROGRESS, acknowledged.getState());
        assertNotNull(acknowledged.getAcknowledgedAt());

        // sla[] fills in asynchronously: one entry per timer of the agreement
        List<IncidentSlaTimer> sla = await().atMost(REPLICA_DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> incidents.getIncident(incidentId).getSla(), entries -> entries.size() >= 2);
        assertTrue(sla.stream().allMatch(t -> agreement.getId().equals(t.getAgreementId()) && t.getTimerId() != null
                && t.getTargetSeconds() != null && t.getDueAt() != null && t.getState() != null), sla.toString());
        assertEquals(List.of("TIME_TO_RESOLVE", "TIME_TO_RESPOND"),
                sla.stream().map(t -> String.valueOf(t.getMetric())).sorted().toList());
        SlaTimerPage incidentTimers = timers.listSlaTimers(null, null, null, incidentId, null, 0, null, null, 10, null, null, null);
        assertEquals(2L, incidentTimers.getTotal());
        for (SlaTimerView timer : incidentTimers.getItems()) {
            IncidentSlaTimer shown = sla.stream().filter(t -> timer.getId().equals(t.getTimerId())).findFirst()
                    .orElseThrow(() -> new AssertionError("timer " + timer.getId() + " not on the incident: " + sla));
            assertEquals(timer.getTargetSeconds(), shown.getTargetSeconds());
            assertEquals(timer.getDueAt().toInstant(), shown.getDueAt().toInstant());
        }
        assertTrue(sla.stream().map(IncidentSlaTimer::getState).allMatch(state -> state == IncidentSlaTimerState.RUNNING
                || state == IncidentSlaTimerState.MET), sla.toString());

        // a change for the service, the incident linked to it, the link seen from the incident
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(20).truncatedTo(ChronoUnit.HOURS);
        ChangeView change = whileReplicaCatchesUp(() -> changes.requestChange(new ChangeCreateRequest()
                .title("Fix the portal login " + suffix).type(ChangeType.NORMAL).justification("Users cannot log in")
                .serviceIds(List.of(serviceId)).implementationPlan("deploy the fix").backoutPlan("redeploy")
                .testPlan("log in").plannedStart(start).plannedEnd(start.plusHours(1)), null));
        assertEquals(ChangeState.NEW, change.getState());
        UUID changeId = change.getId();
        IncidentLinkView link = whileReplicaCatchesUp(() -> changes.linkChangeIncident(changeId,
                new IncidentLinkRequest().incidentId(incidentId).relation(IncidentLinkRelation.RESOLVED_BY)));
        assertEquals(incidentId, link.getIncidentId());
        assertTrue(changes.listChangeIncidents(changeId).stream().anyMatch(l -> incidentId.equals(l.getIncidentId())),
                "the link on the change");
        await().atMost(REPLICA_DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> incidents.getIncident(incidentId).getLinkedChangeIds().contains(changeId.toString()));

        // typed lists
        IncidentPage incidentPage = incidents.listIncidents(null, null, null, null, null, null, null, null, 0, null, null,
                null, serviceId, 10, "-priority", null, null, null);
        assertEquals(1L, incidentPage.getTotal());
        assertEquals(10, incidentPage.getSize());
        assertEquals(incidentId, incidentPage.getItems().get(0).getId());
        assertEquals("Users cannot log in to the portal", incidentPage.getItems().get(0).getTitle());
        ChangePage changePage = changes.listChanges(null, null, 0, null, null, serviceId, 10, null, null, null, null);
        assertEquals(List.of(changeId), changePage.getItems().stream().map(ChangeView::getId).toList());
        AgreementPage agreementPage = agreements.listSlaAgreements(null, null, null, 0, null, 100, null, null, null, null, null);
        assertTrue(agreementPage.getItems().stream().map(AgreementView::getId).anyMatch(agreement.getId()::equals),
                "the agreement is listed: " + agreementPage.getTotal());
        // walked by cursor: a page of one, then the page its next points at
        AgreementPage first = agreements.listSlaAgreements(null, null, null, null, null, 1, "name", null, null, null, null);
        if (first.getTotal() != null && first.getTotal() > 1) {
            AgreementPage second = agreements.listSlaAgreements(null, null, first.getNext(), null, null, 1, "name", null,
                    null, null, null);
            assertEquals(1, second.getItems().size());
            assertTrue(second.getItems().get(0).getName().compareTo(first.getItems().get(0).getName()) >= 0
                    && !second.getItems().get(0).getId().equals(first.getItems().get(0).getId()), "the next page follows");
        }
    }
}
