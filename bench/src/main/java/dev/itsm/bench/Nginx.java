package dev.itsm.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.itsm.infra.FreePorts;

/** Debian's nginx as a plain keep-alive reverse proxy in front of one service: the reference proxy. */
final class Nginx implements AutoCloseable {

    final int port = FreePorts.pick();
    private final Process process;

    Nginx(Path dir, int upstreamPort) throws IOException, InterruptedException {
        Path home = dir.resolve("nginx");
        Files.createDirectories(home.resolve("logs"));
        Path conf = home.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes 2;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
                  upstream service { server 127.0.0.1:%2$d; keepalive 64; }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://service;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Forwarded-Proto $scheme;
                    }
                  }
                }
                """.formatted(home, upstreamPort, port));
        String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        process = new ProcessBuilder(nginx, "-p", home.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(home.resolve("logs/stdout.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(20);
        while (!Footprint.ok(http, "http://127.0.0.1:" + port + "/q/health/ready")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("nginx did not start; see " + home.resolve("logs"));
            }
            Thread.sleep(100);
        }
    }

    /** CPU time of the nginx master and its workers so far. */
    java.time.Duration cpu() {
        java.time.Duration total = Procs.cpu(process.pid());
        for (ProcessHandle worker : process.descendants().toList()) {
            total = total.plus(Procs.cpu(worker.pid()));
        }
        return total;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
