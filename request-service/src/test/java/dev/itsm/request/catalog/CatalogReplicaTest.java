package dev.itsm.request.catalog;

import static dev.itsm.request.catalog.CatalogEvents.LAPTOP_AND_VPN_FORM;
import static dev.itsm.request.catalog.CatalogEvents.PATIENCE;
import static dev.itsm.request.catalog.CatalogEvents.awaitProcessed;
import static dev.itsm.request.catalog.CatalogEvents.component;
import static dev.itsm.request.catalog.CatalogEvents.cost;
import static dev.itsm.request.catalog.CatalogEvents.count;
import static dev.itsm.request.catalog.CatalogEvents.laptopComponents;
import static dev.itsm.request.catalog.CatalogEvents.level;
import static dev.itsm.request.catalog.CatalogEvents.now;
import static dev.itsm.request.catalog.CatalogEvents.offeringFacts;
import static dev.itsm.request.catalog.CatalogEvents.organisationFacts;
import static dev.itsm.request.catalog.CatalogEvents.person;
import static dev.itsm.request.catalog.CatalogEvents.publishAndWait;
import static dev.itsm.request.catalog.CatalogEvents.relationshipFacts;
import static dev.itsm.request.catalog.CatalogEvents.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The catalogue replica follows itsm.catalog.events: upserts of full facts, stale events ignored, redelivery skipped. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class CatalogReplicaTest {

    @Test
    void offeringEventsReplaceTheOfferingWithItsComponentsFormAndCost() {
        UUID id = UUID.randomUUID();
        UUID service = UUID.randomUUID();
        Instant t = now();
        publishAndWait("OfferingChanged", id, offeringFacts(id, "New starter kit", "DRAFT", List.of(service), null, null,
                List.of(component("laptop", "GOODS", "Laptop", null, null)), t));
        assertEquals("DRAFT", text("select state from catalog_offering where id = ?", id));
        assertNull(text("select cost from catalog_offering where id = ?", id));

        publishAndWait("OfferingPublished", id, offeringFacts(id, "New starter kit", "PUBLISHED", List.of(service),
                cost("1200.50", "EUR", "ONE_OFF"), LAPTOP_AND_VPN_FORM, laptopComponents(), t.plusSeconds(1)));
        assertEquals("PUBLISHED", text("select state from catalog_offering where id = ?", id));
        assertEquals(1200.50, Double.parseDouble(text("select cost->>'amount' from catalog_offering where id = ?", id)));
        assertEquals("EUR", text("select cost->>'currency' from catalog_offering where id = ?", id));
        assertEquals("ONE_OFF", text("select cost->>'period' from catalog_offering where id = ?", id));
        assertEquals("object", text("select request_form->>'type' from catalog_offering where id = ?", id));
        assertEquals(3, count("select jsonb_array_length(components) from catalog_offering where id = ?", id));
        assertEquals("vpn", text("select components->1->>'key' from catalog_offering where id = ?", id));
        assertEquals("P30D", text("select components->1->>'accessPeriod' from catalog_offering where id = ?", id));
        assertEquals("hardware-desk", text("select components->0->>'fulfilmentGroup' from catalog_offering where id = ?", id));
        assertEquals(service.toString(), text("select service_ids->>0 from catalog_offering where id = ?", id));

        publishAndWait("OfferingWithdrawn", id, offeringFacts(id, "New starter kit", "WITHDRAWN", List.of(service), null,
                LAPTOP_AND_VPN_FORM, laptopComponents(), t.plusSeconds(2)));
        assertEquals("WITHDRAWN", text("select state from catalog_offering where id = ?", id));
        assertNull(text("select cost from catalog_offering where id = ?", id), "the last facts replace the row, cost included");
    }

    @Test
    void componentsFromBeforeKeysGetTheCataloguesMigrationKeys() {
        UUID id = UUID.randomUUID();
        Map<String, Object> facts = offeringFacts(id, "Old kit", "PUBLISHED", List.of(), null, null,
                List.of(Map.of("kind", "GOODS", "description", "Mouse"), Map.of("kind", "ACCESS_TO_RESOURCES", "description", "Wiki")),
                now());
        publishAndWait("OfferingPublished", id, facts);
        assertEquals("goods-1", text("select components->0->>'key' from catalog_offering where id = ?", id));
        assertEquals("access-to-resources-2", text("select components->1->>'key' from catalog_offering where id = ?", id));
    }

    @Test
    void anOlderOfferingEventCannotRollTheReplicaBack() {
        UUID id = UUID.randomUUID();
        Instant t = now();
        publishAndWait("OfferingPublished", id, offeringFacts(id, "Kit v2", "PUBLISHED", List.of(), null, null, laptopComponents(), t));
        publishAndWait("OfferingChanged", id, offeringFacts(id, "Kit v1", "DRAFT", List.of(), null, null, laptopComponents(),
                t.minusSeconds(30)));
        assertEquals("Kit v2", text("select name from catalog_offering where id = ?", id));
        assertEquals("PUBLISHED", text("select state from catalog_offering where id = ?", id));
        assertEquals(1, count("select revision from catalog_offering where id = ?", id), "nothing applied, nothing to recompile");
    }

    @Test
    void organisationEventsCarryThePeopleAndTheVersionDecidesWhatIsStale() {
        UUID id = UUID.randomUUID();
        Instant t = now();
        publishAndWait("ConsumerOrganisationChanged", id, organisationFacts(id, "Finance", "ACTIVE",
                List.of(person("ana", "USER"), person("carl", "CUSTOMER", "SPONSOR")), 3, t));
        assertEquals("ACTIVE", text("select state from catalog_organisation where id = ?", id));
        assertEquals(2, count("select jsonb_array_length(people) from catalog_organisation where id = ?", id));
        assertEquals("[\"CUSTOMER\", \"SPONSOR\"]", text("select people->1->'roles' from catalog_organisation where id = ?", id));

        // version 2 dated later (a skewed producer clock) is still older than version 3
        publishAndWait("ConsumerOrganisationChanged", id, organisationFacts(id, "Finance (old)", "INACTIVE", List.of(), 2,
                t.plusSeconds(60)));
        assertEquals("Finance", text("select name from catalog_organisation where id = ?", id));
        assertEquals("ACTIVE", text("select state from catalog_organisation where id = ?", id));

        publishAndWait("ConsumerOrganisationChanged", id, organisationFacts(id, "Finance", "INACTIVE",
                List.of(person("ana", "USER")), 4, t.plusSeconds(1)));
        assertEquals("INACTIVE", text("select state from catalog_organisation where id = ?", id));
        assertEquals(1, count("select jsonb_array_length(people) from catalog_organisation where id = ?", id));
    }

    @Test
    void relationshipEventsKeepTheTermsAndTerminationStays() {
        UUID id = UUID.randomUUID();
        UUID organisation = UUID.randomUUID();
        UUID offering = UUID.randomUUID();
        Instant t = now();
        publishAndWait("ServiceRelationshipChanged", id, relationshipFacts(id, organisation, offering, "carl",
                List.of("ana", "bob"), t.minusSeconds(3600), t.plusSeconds(86_400),
                List.of(level("Line manager", "ANY", null, "mia"), level("Security", "QUORUM", 2, "sec1", "sec2", "sec3")),
                "ACTIVE", 1, t));
        assertEquals("carl", text("select sponsor from catalog_relationship where id = ?", id));
        assertEquals("[\"ana\", \"bob\"]", text("select orderers from catalog_relationship where id = ?", id));
        assertEquals("QUORUM", text("select approval_levels->1->>'rule' from catalog_relationship where id = ?", id));
        assertEquals("2", text("select approval_levels->1->>'quorum' from catalog_relationship where id = ?", id));
        assertEquals(organisation.toString(), text("select organisation_id from catalog_relationship where id = ?", id));

        publishAndWait("ServiceRelationshipChanged", id, relationshipFacts(id, organisation, offering, "carl", List.of(),
                t.minusSeconds(3600), null, List.of(), "TERMINATED", 2, t.plusSeconds(5)));
        String stale = publishAndWait("ServiceRelationshipChanged", id, relationshipFacts(id, organisation, offering, "carl",
                List.of(), t.minusSeconds(3600), null, List.of(), "ACTIVE", 1, t));
        assertTrue(stale != null);
        assertEquals("TERMINATED", text("select state from catalog_relationship where id = ?", id));
    }

    @Test
    void aRedeliveredEventHasNoSecondEffect() {
        UUID id = UUID.randomUUID();
        Instant t = now();
        String x = UUID.randomUUID().toString();
        CloudEventPublisher.publish("catalog", "ConsumerOrganisationChanged", id.toString(), x,
                organisationFacts(id, "Legal", "ACTIVE", List.of(), 1, t));
        awaitProcessed(x);
        publishAndWait("ConsumerOrganisationChanged", id, organisationFacts(id, "Legal", "INACTIVE", List.of(), 2, t.plusSeconds(1)));
        // X again, its payload made newer so only the inbox can stop it; then a marker on the same key
        CloudEventPublisher.publish("catalog", "ConsumerOrganisationChanged", id.toString(), x,
                organisationFacts(id, "Legal", "ACTIVE", List.of(), 3, t.plusSeconds(2)));
        String marker = CloudEventPublisher.publish("catalog", "ServiceCreated", id.toString(), Map.of("serviceId", id.toString()));
        awaitProcessed(marker);
        assertEquals(1, count("select count(*) from processed_event where event_id = ?", x));
        assertEquals("INACTIVE", text("select state from catalog_organisation where id = ?", id));
    }

    @Test
    void catalogueTypesOrderingDoesNotUseAreIgnored() {
        UUID key = UUID.randomUUID();
        String service = CloudEventPublisher.publish("catalog", "ServiceCreated", key.toString(),
                Map.of("serviceId", key.toString(), "name", "Shop"));
        String ci = CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", key.toString(),
                Map.of("ciId", key.toString(), "name", "shop-db"));
        awaitProcessed(service);
        awaitProcessed(ci);
        assertEquals(0, count("select count(*) from catalog_offering where id = ?", key));
        assertEquals(0, count("select count(*) from catalog_organisation where id = ?", key));
    }

    @Test
    void anUnreadablePayloadIsDeadLetteredAndTheNextEventStillApplies() {
        UUID id = UUID.randomUUID();
        Map<String, Object> bad = offeringFacts(id, "Broken", "PUBLISHED", List.of(), null, null,
                List.of(component("vpn", "ACCESS_TO_RESOURCES", "VPN", null, "thirty days")), now());
        CloudEventPublisher.publish("catalog", "OfferingPublished", id.toString(), bad);
        UUID other = UUID.randomUUID();
        CloudEventPublisher.publish("catalog", "OfferingPublished", other.toString(),
                offeringFacts(other, "Fine", "PUBLISHED", List.of(), null, null, laptopComponents(), now()));
        await().atMost(PATIENCE).until(() -> count("select count(*) from catalog_offering where id = ?", other) == 1);
        assertEquals(0, count("select count(*) from catalog_offering where id = ?", id));
    }
}
