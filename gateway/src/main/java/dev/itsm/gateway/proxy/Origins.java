package dev.itsm.gateway.proxy;

import io.vertx.core.http.HttpServerRequest;

/** Where clients reach the gateway. */
public final class Origins {

    private Origins() {
    }

    /** The origin clients used to reach the gateway (honouring a proxy in front of it). */
    public static String publicOrigin(HttpServerRequest request) {
        String proto = firstValue(request.getHeader("X-Forwarded-Proto"));
        String host = firstValue(request.getHeader("X-Forwarded-Host"));
        if (proto == null) {
            proto = request.scheme() == null ? "http" : request.scheme();
        }
        if (host == null) {
            host = request.getHeader("Host");
        }
        if (host == null && request.authority() != null) {
            host = request.authority().host() + ":" + request.authority().port();
        }
        return proto + "://" + host;
    }

    private static String firstValue(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }

}
