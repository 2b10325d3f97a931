package dev.itsm.platform.http;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.platform.problem.ValidationException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code Idempotency-Key} for creating {@code POST}s. The key row, the created resource and its
 * events commit in one transaction; a replay with the same key and body returns the first response
 * (with {@code Idempotent-Replayed: true}); the same key with another body is a 422 problem. Two
 * concurrent requests with one key serialise on the key's primary key: the second waits, then
 * replays.
 * <p>
 * A key belongs to its caller: it is scoped by (token subject, method, collection), so another
 * caller sending the same key makes a request of its own and never sees the first caller's response.
 */
@ApplicationScoped
public class IdempotentCreate {

    public static final String HEADER = "Idempotency-Key";

    /** What a create returns: where the new resource lives, its body, its version. */
    public record Created(URI location, Object body, long version) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final SecurityIdentity caller;

    IdempotentCreate(DataSource dataSource, ObjectMapper json, SecurityIdentity caller) {
        this.dataSource = dataSource;
        this.json = json;
        this.caller = caller;
    }

    /**
     * Runs {@code create} once per {@code (scope, key)}; without a key it simply runs it.
     *
     * @param scope   the collection, e.g. {@code incidents}
     * @param key     the header value, may be null
     * @param request the request body (its JSON decides "same request")
     * @param create  creates the resource; joins this transaction
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Response create(String scope, String key, Object request, Supplier<Created> create) {
        if (key == null || key.isBlank()) {
            return created(create.get());
        }
        if (key.length() > 200) {
            throw new ValidationException(HEADER, "must be at most 200 characters");
        }
        String hash = hash(request);
        scope = callerName() + " POST " + scope;
        try (Connection c = dataSource.getConnection()) {
            if (claim(c, scope, key, hash)) {
                Created result = create.get();
                store(c, scope, key, result);
                return created(result);
            }
            return replay(c, scope, key, hash);
        } catch (SQLException e) {
            throw new IllegalStateException("Idempotency-Key store failed", e);
        }
    }

    private String callerName() {
        return caller.isAnonymous() || caller.getPrincipal() == null ? "anonymous" : caller.getPrincipal().getName();
    }

    private Response created(Created result) {
        return Response.created(result.location())
                .tag(ETags.entityTag(result.version()))
                .type(MediaType.APPLICATION_JSON)
                .entity(result.body())
                .build();
    }

    private boolean claim(Connection c, String scope, String key, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into idempotency_key (scope, idem_key, request_hash, created_at)
                values (?, ?, ?, now()) on conflict do nothing""")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            ps.setString(3, hash);
            return ps.executeUpdate() == 1;
        }
    }

    private void store(Connection c, String scope, String key, Created result) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update idempotency_key set status = 201, location = ?, version = ?, body = ?
                where scope = ? and idem_key = ?""")) {
            ps.setString(1, result.location().toString());
            ps.setLong(2, result.version());
            ps.setString(3, json.writeValueAsString(result.body()));
            ps.setString(4, scope);
            ps.setString(5, key);
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    private Response replay(Connection c, String scope, String key, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select request_hash, status, location, version, body from idempotency_key
                where scope = ? and idem_key = ?""")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString("body") == null) {
                    throw new IllegalStateException("Idempotency-Key row vanished for " + key);
                }
                if (!rs.getString("request_hash").equals(hash)) {
                    throw new UnprocessableException("idempotency-key-reused", "Idempotency-Key reused",
                            "Idempotency-Key '" + key + "' was already used with a different request body");
                }
                return Response.status(rs.getInt("status"))
                        .location(URI.create(rs.getString("location")))
                        .tag(ETags.entityTag(rs.getLong("version")))
                        .header("Idempotent-Replayed", "true")
                        .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                        .entity(rs.getString("body"))
                        .build();
            }
        }
    }

    private String hash(Object request) {
        try {
            byte[] canonical = json.writeValueAsBytes(json.valueToTree(request));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
