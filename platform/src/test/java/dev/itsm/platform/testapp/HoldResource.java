package dev.itsm.platform.testapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
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

    /** Waits on the hold {@code name} if a test made one; any other name answers at once. */
    @GET
    @Path("{name}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    public String await(@PathParam("name") String name) throws InterruptedException {
        if (!LATCHES.containsKey(name)) {
            return name;
        }
        WAITING.get(name).incrementAndGet();
        try {
            LATCHES.get(name).await(1, TimeUnit.MINUTES);
        } finally {
            WAITING.get(name).decrementAndGet();
        }
        return name;
    }
}
