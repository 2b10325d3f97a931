package dev.itsm.catalog.bench;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.reader;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.itsm.catalog.ImpactFixture;
import dev.itsm.catalog.ci.CiService;
import dev.itsm.catalog.ci.ImpactAnalysis;
import dev.itsm.catalog.portfolio.ServicePortfolio;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Impact-analysis latency on a ≥ 1,000-CI graph with a cycle (see {@link ImpactFixture}), on the
 * real embedded PostgreSQL. Prints percentiles; asserts nothing about time. Run with
 * {@code ./mvnw -pl catalog-service test -Dgroups=benchmark -DexcludedGroups=none -Dtest=ImpactBenchmark}
 * (optionally {@code -Dbench.apps=100 -Dbench.endpoints=9 -Dbench.iterations=500}).
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class ImpactBenchmark {

    @Inject
    CiService cis;
    @Inject
    ServicePortfolio services;
    @Inject
    ImpactAnalysis impact;

    @Test
    void impactAnalysisLatency() {
        int apps = Integer.getInteger("bench.apps", 100);
        int endpoints = Integer.getInteger("bench.endpoints", 9);
        int iterations = Integer.getInteger("bench.iterations", 500);
        long t0 = System.nanoTime();
        ImpactFixture g = new ImpactFixture(cis, services, apps, endpoints);
        long buildMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("%n=== impact analysis benchmark: %d CIs, %d CI relations + 1 service dependency, cycle db -> app[0] -> db (graph built in %d ms) ===%n",
                g.ciCount, apps * (1 + endpoints) + 4, buildMs);

        run("in-process ImpactAnalysis.analyse(db)  [all " + (g.ciCount - 2) + " CIs + 2 services impacted, first 500 listed]", iterations,
                () -> impact.analyse(g.db).items().size());
        run("in-process ImpactAnalysis.analyse(app[0]) [through the cycle]", iterations,
                () -> impact.analyse(g.apps.get(0)).items().size());
        run("in-process ImpactAnalysis.analyse(endpoint) [small result]", iterations,
                () -> impact.analyse(g.endpoints.get(1).get(1)).items().size());
        run("HTTP GET /cis/{db}/impact (JWT check, first page: 50 of 1,003 items serialised; response body not parsed)", Math.max(50, iterations / 5),
                () -> reader().get(BASE + "/cis/" + g.db + "/impact").then().statusCode(200).extract().asByteArray().length + " bytes");
        run("HTTP GET /cis/{db}/impact?size=500 (largest page)", Math.max(50, iterations / 5),
                () -> reader().queryParam("size", 500).get(BASE + "/cis/" + g.db + "/impact").then().statusCode(200).extract()
                        .asByteArray().length + " bytes");
    }

    private static void run(String label, int iterations, Supplier<Object> call) {
        for (int i = 0; i < Math.min(50, iterations); i++) {
            call.get(); // warm-up
        }
        Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
        Object result = null;
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            result = call.get();
            h.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
        }
        System.out.printf("%-90s n=%d items=%s  p50=%.2f ms  p90=%.2f ms  p99=%.2f ms  max=%.2f ms  mean=%.2f ms%n",
                label, iterations, result, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getMean() / 1000.0);
    }

}
