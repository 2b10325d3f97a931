package dev.itsm.incident.bench;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestInfrastructure;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Read latency on a large table, straight against the service's HTTP port: the summary (from the
 * maintained counters), text search (GIN index; a rare word, a common word, an incident number),
 * first pages of the list (filtered, unfiltered, exact count), a page half-way through by cursor
 * (and by page number, for comparison), the changes feed, and a cursor walk through every incident. One client, requests one after another. Not a test: it prints numbers.
 * <p>
 * {@code ./mvnw -B -pl incident-service test -Dgroups=benchmark -DexcludedGroups=none -Dtest=ReadBenchmarkTest}
 * Tunables: {@code -Dbench.rows=1000000 -Dbench.requests=300}. The rows are written with SQL
 * (numbers BN00000001…, 20 services not in the catalogue), once per database.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class ReadBenchmarkTest {

    private static final String SERVICE = "be9c0000-0000-4000-8000-000000000003";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/incidents")
    URL incidents;

    @Test
    void summaryAndSearchLatency() throws Exception {
        int rows = Integer.getInteger("bench.rows", 200_000);
        int requests = Integer.getInteger("bench.requests", 300);
        long seedMillis = seed(rows);

        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("summary, all services", "/summary");
        cases.put("summary, one service", "/summary?serviceId=" + SERVICE);
        cases.put("summary, assignmentGroup (GROUP BY)", "/summary?assignmentGroup=group-7");
        cases.put("search, rare word (1 match)", "?q=" + enc("w" + rows / 2));
        cases.put("search, incident number", "?q=BN" + String.format(Locale.ROOT, "%08d", rows / 3));
        cases.put("search, two words (~1/35 of rows)", "?q=" + enc("printer paper"));
        cases.put("search, common word (1/5 of rows)", "?q=printer");
        cases.put("search, common word + sort=-openedAt", "?q=printer&sort=-openedAt");
        cases.put("list, first page, no filter", "");
        cases.put("list, first page, state=ON_HOLD", "?state=ON_HOLD");
        cases.put("list, first page, serviceId", "?serviceId=" + SERVICE);
        cases.put("list, first page, count=exact", "?count=exact");
        cases.put("list, first page, sort=priority", "?sort=priority");
        // the cursor of the row half-way through: taken once with a page number (one OFFSET), then followed
        cases.put("list, half-way (rows/2 in), by cursor", "?cursor=" + enc(cursorAt("", rows / 2)));
        cases.put("list, half-way, page=N (OFFSET)", "?size=50&page=" + rows / 2 / 50);
        cases.put("list, half-way, state=ON_HOLD by cursor", "?state=ON_HOLD&cursor="
                + enc(cursorAt("&state=ON_HOLD", rows / 2 / 7)));
        cases.put("feed, first page (all rows changed)", "?updatedSince=" + enc(Instant.now().minus(Duration.ofDays(400)).toString()));
        cases.put("feed, from half-way", "?updatedSince=" + enc(Instant.now().minusSeconds(rows / 2).toString()));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = TestTokens.bearer("bench", Roles.READER);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, """
                read benchmark (GET, direct to the service, one client)
                  incidents in the table : %d (seeded in %.1f s, 0 = already there)
                  requests per case      : %d (after %d warm-up)
                  cores available        : %d
                  %-40s %9s %9s %9s %9s
                """, count(), seedMillis / 1000.0, requests, requests / 5, Runtime.getRuntime().availableProcessors(),
                "case", "p50 ms", "p90 ms", "p99 ms", "max ms"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            URI uri = URI.create(incidents + c.getValue());
            measure(http, uri, token, requests / 5, new Histogram(60_000_000_000L, 3));
            Histogram latency = new Histogram(60_000_000_000L, 3);
            measure(http, uri, token, requests, latency);
            report.append(String.format(Locale.ROOT, "  %-40s %9.2f %9.2f %9.2f %9.2f%n", c.getKey(),
                    ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
                    ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue())));
        }
        report.append(walk(http, token));
        System.out.println(report);
        System.err.println(report);
        Files.writeString(Path.of("target", "benchmark-read.txt"), report);
    }

    /**
     * Follows {@code next} through every incident (pages of 500, default order), timing each page; the
     * time per page at the start, the middle and the end shows whether it stays constant.
     */
    private String walk(HttpClient http, String token) throws Exception {
        List<Long> pageNanos = new ArrayList<>();
        String cursor = null;
        long t0 = System.nanoTime();
        long served = 0;
        do {
            URI uri = URI.create(incidents + "?size=500" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", token)
                    .GET().build();
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            pageNanos.add(System.nanoTime() - t);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + r.statusCode());
            }
            JsonNode page = JSON.readTree(r.body());
            served += page.path("items").size();
            cursor = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (cursor != null);
        int n = pageNanos.size();
        int tenth = Math.max(1, n / 10);
        return String.format(Locale.ROOT, """
                  cursor walk: %d incidents in %d pages of 500, %.1f s
                  %-40s %9s %9s %9s %9s
                %s%s%s""", served, n, (System.nanoTime() - t0) / 1e9, "page time by position", "p50 ms", "p90 ms",
                "p99 ms", "max ms", line("walk, first 10% of pages", pageNanos.subList(0, tenth)),
                line("walk, middle 10% of pages", pageNanos.subList(n / 2 - tenth / 2, n / 2 - tenth / 2 + tenth)),
                line("walk, last 10% of pages", pageNanos.subList(n - tenth, n)));
    }

    private static String line(String name, List<Long> nanos) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        nanos.forEach(h::recordValue);
        return String.format(Locale.ROOT, "  %-40s %9.2f %9.2f %9.2f %9.2f%n", name, ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()));
    }

    /** The {@code next} cursor after row {@code position} of the list with {@code filter}: one page-numbered request. */
    private String cursorAt(String filter, int position) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(incidents + "?size=1&count=none&page=" + (position - 1) + filter);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Authorization", TestTokens.bearer("bench", Roles.READER)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("next").asText();
    }

    private static void measure(HttpClient http, URI uri, String token, int n, Histogram latency) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", token).GET()
                .build();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            long t = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + r.statusCode());
            }
            latency.recordValue(t);
        }
    }

    /** Writes {@code rows} incidents once per database (through the triggers: counters and search document too). */
    private static long seed(int rows) throws Exception {
        long t0 = System.currentTimeMillis();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from incident where number like 'BN%'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return 0;
                }
            }
            s.executeUpdate("""
                    insert into incident (id, number, title, description, caller, service_id, impact, urgency,
                            priority, state, assignment_group, assignee, opened_at, updated_at, version)
                    select gen_random_uuid(), 'BN' || lpad(g::text, 8, '0'),
                           (array['Printer', 'Network', 'Mail', 'VPN', 'Disk'])[1 + g % 5] || ' '
                               || (array['outage', 'slow', 'error', 'paper jam', 'timeout', 'login', 'crash'])[1 + g % 7]
                               || ' w' || g,
                           'Reported by caller ' || g % 1000 || ' on floor ' || g % 12, 'bench@example.com',
                           ('be9c0000-0000-4000-8000-0000000000' || lpad((g % 20)::text, 2, '0'))::uuid, 'MEDIUM', 'MEDIUM',
                           (array['P1', 'P2', 'P3', 'P4', 'P5'])[1 + g % 5],
                           (array['NEW', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED', 'CANCELED', 'CLOSED', 'CLOSED'])[1 + (g / 5) % 7],
                           'group-' || g % 20, 'agent-' || g % 50,
                           now() - g * interval '1 second', now() - g * interval '1 second', 0
                    from generate_series(1, ROWS) g""".replace("ROWS", Integer.toString(rows)));
            s.execute("vacuum analyze incident");
        }
        return System.currentTimeMillis() - t0;
    }

    private static long count() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from incident")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(TestInfrastructure.database("itsm_incident"), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
