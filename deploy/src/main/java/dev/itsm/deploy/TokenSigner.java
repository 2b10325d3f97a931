package dev.itsm.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The local stack's JWT signing key pair (generated on first start, kept in {@code .itsm/keys}) and
 * tokens signed with it, for {@code ./itsm token}, the system tests and the benchmarks.
 * Development only: production uses a real identity provider.
 */
public final class TokenSigner {

    public static final String ISSUER = "https://itsm.local/issuer";
    /** The audience the gateway and the services accept ({@code ITSM_JWT_AUDIENCE}, default {@code itsm}). */
    public static final String AUDIENCE = "itsm";

    private final Path dir;

    TokenSigner(Path dir) {
        this.dir = dir;
    }

    public String issuer() {
        return ISSUER;
    }

    Path publicKey() {
        return dir.resolve("public.pem");
    }

    private Path privateKey() {
        return dir.resolve("private.pem");
    }

    /**
     * Creates the key pair unless it exists; returns true when it was created now. The private key
     * is owner-only from its first byte, in an owner-only directory; only the public key is meant to
     * leave it (services, containers).
     */
    boolean ensure() throws IOException {
        OwnerOnlyFiles.createDirectory(dir);
        if (Files.exists(publicKey()) && Files.exists(privateKey())) {
            OwnerOnlyFiles.restrict(privateKey());
            return false;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            OwnerOnlyFiles.write(privateKey(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return true;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A bearer token for {@code subject} with {@code roles}, valid for {@code lifetime}, for the
     * suite's audience, with its issue time ({@code iat}: the services refuse tokens older than 24 h).
     */
    public String token(String subject, Set<String> roles, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setAudience(AUDIENCE);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.copyOf(roles));
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + lifetime.toSeconds()));
        claims.setGeneratedJwtId();
        return sign(claims.toJson());
    }

    /** Signs the given claims JSON as-is (RS256) — also for hostile-token tests. */
    public String sign(String claimsJson) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claimsJson);
        jws.setKey(loadPrivateKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign", e);
        }
    }

    private PrivateKey loadPrivateKey() {
        String pem;
        try {
            pem = Files.readString(privateKey(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing key " + privateKey(), e);
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("Unreadable key " + privateKey(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
