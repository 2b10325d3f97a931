package dev.itsm.platform.http;

import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.ItsmConfig;
import dev.itsm.platform.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sheds load instead of queueing it: at most {@code itsm.max-in-flight-requests} requests under {@code /api/} are
 * worked on at once by this instance; one more is answered {@code 503 overloaded} with {@code Retry-After: 1} on
 * the event loop, before authentication, parsing or any database work, so nothing was done and the client may
 * simply retry.
 * <p>
 * Why: offered more than it can serve, a service used to accept everything — on 2 cores, 200 incidents/s made every
 * request wait 7–12 s, past the gateway's 10 s timeout (a {@code 504} whose outcome the client cannot know) — while
 * the requests it admits now finish at the pace of its cores. Health, metrics, OpenAPI and the operators' admin API
 * are outside {@code /api/} and never refused, so probes keep telling the truth under load.
 */
@ApplicationScoped
public class AdmissionLimit {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter shed;
    private final ObjectMapper json;

    AdmissionLimit(ItsmConfig config, MeterRegistry registry, ObjectMapper json) {
        this.limit = config.maxInFlightRequests();
        this.json = json;
        this.shed = Counter.builder("itsm.http.requests.shed")
                .description("Requests answered 503 overloaded because this instance was at its in-flight limit")
                .register(registry);
        Gauge.builder("itsm.http.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests under /api/ this instance is working on").register(registry);
    }

    /** First of all routes, so a refused request costs only this. */
    void register(@Observes Router router) {
        if (limit > 0) {
            router.route().order(Integer.MIN_VALUE).handler(this::admit);
        }
    }

    private void admit(RoutingContext rc) {
        if (!rc.normalizedPath().startsWith("/api/")) {
            rc.next();
            return;
        }
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            shed.increment();
            refuse(rc);
            return;
        }
        rc.addEndHandler(done -> inFlight.decrementAndGet()); // once per request: answered, failed or connection lost
        rc.next();
    }

    private void refuse(RoutingContext rc) {
        String body;
        try {
            body = json.writeValueAsString(new Problem("overloaded", "Service overloaded", 503,
                    "This instance is working on " + limit + " requests, its limit; nothing was done. Retry in a second.",
                    rc.normalizedPath(), null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        rc.response().setStatusCode(503).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Retry-After", "1")
                .end(body);
    }

    /** Requests being worked on now (for tests). */
    int inFlight() {
        return inFlight.get();
    }
}
