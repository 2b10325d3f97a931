package dev.itsm.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load at a fixed rate (Java HttpClient + HdrHistogram). Request i is due at
 * {@code start + i / rate}; its latency is measured from that due time, not from when it was
 * actually sent, so a stall in the service shows up in the percentiles instead of silently lowering
 * the rate (no coordinated omission).
 */
final class OpenLoad {

    /** Called for every answer (on an HttpClient thread) with the nanoTime the answer arrived. */
    interface Listener {
        void answered(int i, HttpResponse<String> response, long arrivedNanos);
    }

    private OpenLoad() {
    }

    static Latency run(HttpClient http, double perSecond, Duration duration, IntFunction<HttpRequest> request,
            Listener listener) {
        int total = (int) Math.max(1, Math.round(perSecond * duration.toSeconds()));
        long interval = (long) (1e9 / perSecond);
        Histogram micros = new ConcurrentHistogram(3_600_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = i;
            inFlight.add(http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long arrived = System.nanoTime();
                micros.recordValue(Math.max(1, (arrived - due) / 1000));
                if (e != null || r.statusCode() >= 400) {
                    errors.incrementAndGet();
                }
                if (e == null && listener != null) {
                    listener.answered(n, r, arrived);
                }
            }));
        }
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // failed requests are already counted as errors; unanswered ones are counted below
        }
        long unanswered = inFlight.stream().filter(f -> !f.isDone()).count();
        double seconds = (System.nanoTime() - start) / 1e9;
        Latency l = Latency.of(micros, errors.get() + unanswered, seconds);
        // the offered rate, not answers/elapsed (which includes the drain of the last requests)
        return new Latency(l.requests(), l.errors(), total / perSecond, l.p50(), l.p99(), l.p999(), l.mean());
    }
}
