package dev.itsm.request;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ArchitectureRules;

/** The shared rules of the test kit (docs/STYLE.md) over all of request-service. */
class ArchitectureTest {

    @Test
    void followsTheSharedArchitectureRules() {
        ArchitectureRules.check("dev.itsm.request");
    }
}
