package dev.itsm.monitoring;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ArchitectureRules;

/** The shared rules of the test kit (docs/STYLE.md) over all of monitoring-service. */
class ArchitectureTest {

    @Test
    void followsTheSharedArchitectureRules() {
        ArchitectureRules.check("dev.itsm.monitoring");
    }
}
