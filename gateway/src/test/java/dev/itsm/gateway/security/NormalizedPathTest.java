package dev.itsm.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizedPathTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "/api/v1/changes/1/approve,            /api/v1/changes/1/approve",
            "/api/v1/changes/1/appro%76e,          /api/v1/changes/1/approve",
            "/api/v1/changes/1/%41%7a%2d%2E%5F%7E, /api/v1/changes/1/Az-._~",
            "/api/v1/changes/1/approve;x=1,        /api/v1/changes/1/approve",
            "/api/v1/changes/1;a=b;c/approve;,     /api/v1/changes/1/approve",
            "/api/v1/changes/1/./approve,          /api/v1/changes/1/approve",
            "/api/v1/changes/1/%2e/approve,        /api/v1/changes/1/approve",
            "/api/v1/changes/1/x/../approve,       /api/v1/changes/1/approve",
            "/api/v1/changes/1/x/%2E%2E/approve,   /api/v1/changes/1/approve",
            "/api/v1/changes/1/x/..;y/approve,     /api/v1/changes/1/approve",
            "/api/v1/changes/1//approve,           /api/v1/changes/1/approve",
            "//api///v1/changes/1/approve//,       /api/v1/changes/1/approve",
            "/api/v1/catalog/cis/a%20b%c3%a9,      /api/v1/catalog/cis/a%20b%C3%A9",
            "/api/v1/changes/..,                   /api/v1",
            "/api/v1/incidents/,                   /api/v1/incidents",
            "/api/v1/incidents/7c1e.v2,            /api/v1/incidents/7c1e.v2",
            "/api/v1/catalog/.well-known,          /api/v1/catalog/.well-known",
            "/,                                    /" })
    void readsThePathAsTheServiceWill(String raw, String normalized) throws Exception {
        assertEquals(normalized, NormalizedPath.of(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/incidents", "/api/v1/incidents/7c1e5b6a-8f3e-4b2a-9d51-0f4c2e8a1b77/resolve",
            "/api/v1/sla/agreements/a.b", "/" })
    void aPathThatIsAlreadyNormalIsReturnedAsItIs(String raw) throws Exception {
        assertSame(raw, NormalizedPath.of(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/changes/1%2Fapprove", "/api/v1/changes/1%2fapprove", "/api/v1/changes/1/approve%3Bx",
            "/api/v1/changes/1/appro%2576e", "/api/v1/changes/1/appro%5Cve", "/api/v1/changes/1\\approve",
            "/api/v1/changes/1/appro%zze", "/api/v1/changes/1/approve%", "/api/v1/changes/1/approve%7",
            "/api/v1/changes/1/a%00", "/api/v1/../../../etc", "api/v1/changes" })
    void refusesPathsWhoseMeaningDependsOnTheDecoder(String raw) {
        assertThrows(NormalizedPath.RefusedPathException.class, () -> NormalizedPath.of(raw));
    }
}
