package dev.itsm.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class UpstreamInstancesTest {

    private final AtomicLong nanos = new AtomicLong(1_000);

    private UpstreamInstances instances(String urls) {
        return new UpstreamInstances(UpstreamInstances.parse(urls, 2000, 10000), Duration.ofSeconds(2), nanos::get);
    }

    private static List<String> urls(List<UpstreamInstance> order) {
        return order.stream().map(UpstreamInstance::url).toList();
    }

    @Test
    void aCommaSeparatedUrlIsOneInstancePerEntry() {
        UpstreamInstances instances = instances(" http://127.0.0.1:8081 ,http://127.0.0.1:9081,");
        assertEquals(List.of("http://127.0.0.1:8081", "http://127.0.0.1:9081"), urls(instances.all()));
        assertEquals("http://127.0.0.1:9081", instances.all().get(1).origin());
        assertEquals(9081, instances.all().get(1).authority().port());
    }

    @Test
    void aUrlWithoutDefaultPortTakesTheSchemesPort() {
        UpstreamInstance instance = instances("https://incident-service").all().get(0);
        assertEquals(443, instance.authority().port());
        assertEquals("https://incident-service", instance.origin());
    }

    @Test
    void noUrlAtAllIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> instances(" , "));
        assertThrows(IllegalArgumentException.class, () -> instances("incident-service:8080"));
    }

    @Test
    void requestsTakeTheInstancesInTurn() {
        UpstreamInstances instances = instances("http://a:1,http://b:2,http://c:3");
        assertEquals(List.of("http://a:1", "http://b:2", "http://c:3"), urls(instances.forRequest()));
        assertEquals(List.of("http://b:2", "http://c:3", "http://a:1"), urls(instances.forRequest()));
        assertEquals(List.of("http://c:3", "http://a:1", "http://b:2"), urls(instances.forRequest()));
        assertEquals(List.of("http://a:1", "http://b:2", "http://c:3"), urls(instances.forRequest()));
    }

    @Test
    void anInstanceThatRefusedIsTriedLastUntilItsDownTimeIsOverOrItAnswers() {
        UpstreamInstances instances = instances("http://a:1,http://b:2");
        UpstreamInstance b = instances.all().get(1);
        instances.refused(b);
        assertEquals(List.of("http://a:1", "http://b:2"), urls(instances.forRequest()));
        assertEquals(List.of("http://a:1", "http://b:2"), urls(instances.forRequest()), "b's turn, but b is down");
        assertEquals(List.of("http://a:1", "http://b:2"), urls(instances.inPreferenceOrder()));

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(List.of("http://a:1", "http://b:2"), urls(instances.forRequest()));
        assertEquals(List.of("http://b:2", "http://a:1"), urls(instances.forRequest()), "down time over: its turn again");

        instances.refused(b);
        instances.answered(b);
        assertEquals(List.of("http://a:1", "http://b:2"), urls(instances.forRequest()));
        assertEquals(List.of("http://b:2", "http://a:1"), urls(instances.forRequest()), "an answer clears the mark");
    }

    @Test
    void documentsAreAskedForInConfiguredOrderWithoutTakingARequestsTurn() {
        UpstreamInstances instances = instances("http://a:1,http://b:2");
        instances.refused(instances.all().get(0));
        assertEquals(List.of("http://b:2", "http://a:1"), urls(instances.inPreferenceOrder()));
        assertEquals(List.of("http://b:2", "http://a:1"), urls(instances.forRequest()));
        assertEquals(List.of("http://b:2", "http://a:1"), urls(instances.forRequest()));
    }
}
