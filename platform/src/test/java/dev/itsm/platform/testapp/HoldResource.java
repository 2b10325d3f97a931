package dev.itsm.platform.testapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** A request that stays in flight until the test releases it (AdmissionLimitTest). */
@Path("/api/v1/holds")
public class HoldResource {

    static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> WAITING = new ConcurrentHashMap<>();

    public static void hold(String name) {
        LATCHES.put(name, new CountDownLatch(1));
        WAITING.put(name, new AtomicInteger());
    }

    /** Requests waiting on {@code name} now. */
    public static int waiting(String name) {
        return WAITING.get(name).get();
    }

    public static void release(String name) {
        LATCHES.get(name).countDown();
    }

    @GET
    @Path("{name}")
    @PermitAll
    public String await(@PathParam("name") String name) throws InterruptedException {
        WAITING.get(name).incrementAndGet();
        try {
            LATCHES.get(name).await(1, TimeUnit.MINUTES);
        } finally {
            WAITING.get(name).decrementAndGet();
        }
        return name;
    }
}
