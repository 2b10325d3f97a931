package dev.itsm.sla.request;

import static dev.itsm.sla.SlaTestSupport.REQUEST_TOPIC;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.itsm.sla.SlaTestSupport.ServiceRequest;
import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;

/**
 * The request events these tests feed sla-service are the ones request-service documents: every type the SLA
 * consumer acts on, built by {@link ServiceRequest} as the tests build them, read back from the topic and checked
 * against request-service's own asyncapi.yaml (consumer-side contract check; skipped when that module is not in
 * the checkout). Plain JUnit: only the broker of the test kit is needed.
 */
class RequestEventContractTest {

    static final Path PRODUCER_CONTRACT = Path.of("..", "request-service", "src", "main", "resources", "asyncapi.yaml");

    static AsyncApiValidator producerContract() throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader only = new URLClassLoader(new URL[] { PRODUCER_CONTRACT.getParent().toUri().toURL() }, null)) {
            Thread.currentThread().setContextClassLoader(only);
            return AsyncApiValidator.load();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void thePayloadsTheSlaTestsPublishMatchRequestServicesAsyncApi() throws Exception {
        Assumptions.assumeTrue(Files.exists(PRODUCER_CONTRACT), "request-service's asyncapi.yaml is not in this checkout");
        AsyncApiValidator contract = producerContract();
        Map<String, Object> level = Map.of("level", 1, "name", "Budget (sponsor)", "rule", "ANY", "quorum", 1, "approvers", List.of("sally"));
        Instant t0 = Instant.parse("2026-12-01T09:00:00Z");
        ServiceRequest req = new ServiceRequest(UUID.randomUUID(), List.of(UUID.randomUUID()), t0);
        req.publish("ServiceRequestSubmitted", t0);
        req.set("state", "AWAITING_APPROVAL").publish("RequestApprovalRequested", t0, "level", level);
        req.set("awaitingRequester", true).publish("RequestInfoRequested", t0.plusSeconds(60), "question", "Which keyboard layout?");
        req.set("awaitingRequester", false).publish("RequestInfoProvided", t0.plusSeconds(120));
        req.set("state", "APPROVED").set("approvalStatus", "APPROVED").set("approvedAt", t0.plusSeconds(180).toString())
                .publish("RequestApproved", t0.plusSeconds(180), "automatic", false, "approver", "sally");
        req.set("state", "FULFILLED").set("fulfilledAt", t0.plusSeconds(240).toString()).publish("ServiceRequestFulfilled", t0.plusSeconds(240));
        ServiceRequest other = new ServiceRequest(UUID.randomUUID(), List.of(), t0);
        other.set("state", "REJECTED").set("approvalStatus", "REJECTED").publish("RequestRejected", t0, "level", level, "approver", "sally",
                "comment", "no budget");
        other.set("state", "CANCELED").publish("ServiceRequestCanceled", t0, "reason", "ordered twice");
        Set<String> ids = Set.of(req.id.toString(), other.id.toString());
        List<Received> published = TopicReader.readUntil(REQUEST_TOPIC, Duration.ofSeconds(30),
                rs -> rs.stream().filter(r -> ids.contains(r.key())).count() == 8)
                .stream().filter(r -> ids.contains(r.key())).collect(Collectors.toList());
        contract.assertValid(published);
    }
}
