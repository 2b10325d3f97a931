package dev.itsm.catalog.consumer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a person is to their consumer organisation (ITIL 4 service consumer roles): a USER uses the
 * services, a CUSTOMER defines requirements and owns the outcomes (and sees the organisation's
 * requests), a SPONSOR authorises the budget (approves what costs money).
 */
@Schema(name = "ConsumerPersonRole")
public enum PersonRole {
    USER, CUSTOMER, SPONSOR
}
