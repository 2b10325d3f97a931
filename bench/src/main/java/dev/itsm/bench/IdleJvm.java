package dev.itsm.bench;

import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * The footprint reference: a JVM with the services' flags (JvmOptions) that does nothing but answer
 * {@code /q/health/ready} with the JDK's own HTTP server — the floor for "a JVM that is ready".
 */
public final class IdleJvm {

    private IdleJvm() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 50);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
