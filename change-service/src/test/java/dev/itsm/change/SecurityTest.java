package dev.itsm.change;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.AuthMatrix;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every endpoint needs a token (401) and one of its roles (403), generated from the service's own
 * OpenAPI (approve/reject: change managers and admins only). Who among them may decide an approval
 * (the open level's approvers, not the requester) is object-level and checked in
 * {@link ApprovalAuthorityTest} and {@link ChangeFlowsTest}; who may override scheduling conflicts in {@link ScheduleConflictTest}.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class SecurityTest {

    @Test
    void everyOperationRefusesMissingTokensAndRolesItDoesNotAllow() {
        AuthMatrix.verify();
    }
}
