package dev.itsm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * wrk (Debian's package), closed loop: {@code connections} connections each send the next request as
 * soon as the previous answer arrives, so the rate it reaches is the saturation rate. A Lua
 * {@code done} hook prints the numbers we need, including p99.9, on one machine-readable line.
 */
final class Wrk {

    private final Path raw;

    Wrk(Path raw) {
        this.raw = raw;
    }

    /** A GET (body null) or POST of {@code body}; the raw output goes to {@code raw/<name>.txt}. */
    Latency run(String name, String url, String body, Map<String, String> headers, int connections, Duration duration)
            throws IOException {
        StringBuilder lua = new StringBuilder();
        if (body != null) {
            lua.append("wrk.method = \"POST\"\n");
            lua.append("wrk.body = [==[").append(body).append("]==]\n");
        }
        headers.forEach((k, v) -> lua.append("wrk.headers[\"").append(k).append("\"] = \"").append(v).append("\"\n"));
        lua.append("""
                local shown = 0
                response = function(status, headers, body)
                  -- the first few failures of each thread go to the raw output, so an error count can be explained
                  if status >= 400 and shown < 3 then
                    shown = shown + 1
                    io.write("FAILED " .. status .. " " .. string.sub(body or "", 1, 300) .. "\\n")
                  end
                end
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("BENCH %d %d %d %d %d %d %d %.1f %.1f %.1f %.1f\\n",
                    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.mean))
                end
                """);
        Path script = raw.resolve(name + ".lua");
        Files.writeString(script, lua);
        int threads = Math.min(2, connections);
        List<String> cmd = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", "10s", "-s", script.toString(), url);
        System.out.println("    wrk " + name + ": " + connections + " connections, " + duration.toSeconds() + " s");
        String out = Procs.run(cmd, null, duration.plusSeconds(60));
        Files.writeString(raw.resolve(name + ".txt"), String.join(" ", cmd) + "\n\n" + out);
        // the script stays in raw/ for reference, without the (short-lived, per-run) bearer token
        Files.writeString(script, lua.toString().replaceAll("Bearer [A-Za-z0-9._-]+", "Bearer <token>"));
        for (String line : out.split("\n")) {
            if (line.startsWith("BENCH ")) {
                String[] f = line.trim().split(" ");
                long requests = Long.parseLong(f[1]);
                double seconds = Long.parseLong(f[2]) / 1e6;
                long errors = Long.parseLong(f[3]) + Long.parseLong(f[4]) + Long.parseLong(f[5]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7]);
                return new Latency(requests, errors, seconds, Double.parseDouble(f[8]) / 1000,
                        Double.parseDouble(f[9]) / 1000, Double.parseDouble(f[10]) / 1000, Double.parseDouble(f[11]) / 1000);
            }
        }
        throw new IllegalStateException("wrk printed no result for " + name + ":\n" + out);
    }
}
