package dev.itsm.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What one instance of a service tells on its own {@code /q/metrics} (Prometheus text): how many API
 * requests it served since it started, and whether its outbox relay is the active one. Read
 * straight from the instance, around the gateway, because the gateway hides which instance answered.
 */
final class InstanceMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private InstanceMetrics() {
    }

    /** API requests ({@code /api/...}, any outcome) the instance at {@code baseUrl} has answered since it started. */
    static long apiRequests(String baseUrl) {
        long total = 0;
        for (String line : scrape(baseUrl).split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"/api/")) {
                total += (long) value(line);
            }
        }
        return total;
    }

    /** True when this instance holds its database's relay lock and publishes the outbox. */
    static boolean relayActive(String baseUrl) {
        for (String line : scrape(baseUrl).split("\n")) {
            if (line.startsWith("itsm_outbox_relay_active")) {
                return value(line) == 1.0;
            }
        }
        throw new AssertionError("no itsm_outbox_relay_active metric at " + baseUrl);
    }

    /**
     * The sample's value: the token after the labels. Label values may hold braces (a URI template
     * such as {@code /services/{id}}) and an exemplar with its own value and timestamp may follow.
     */
    private static double value(String line) {
        int at = 0;
        if (line.indexOf('{') >= 0 && line.indexOf('{') < line.indexOf(' ')) {
            boolean quoted = false;
            for (at = line.indexOf('{'); at < line.length(); at++) {
                char c = line.charAt(at);
                if (c == '\\') {
                    at++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == '}' && !quoted) {
                    break;
                }
            }
        }
        String rest = line.substring(line.indexOf(' ', at)).trim();
        return Double.parseDouble(rest.split(" ")[0]);
    }

    private static String scrape(String baseUrl) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(baseUrl + "/q/metrics answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(baseUrl + "/q/metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
