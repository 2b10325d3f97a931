-- Replica of the catalogue's consumer side, fed by itsm.catalog.events (dev.itsm.request.catalog.CatalogEventHandler):
-- what Ordering needs to decide who may order which offering, with which form and approvals. Rows are whole facts
-- of the newest event applied; version / occurred_at say which event that was, so an older one is ignored.

create table catalog_offering (
    id            uuid primary key,
    name          text        not null,
    state         text        not null,                     -- DRAFT | PUBLISHED | WITHDRAWN
    service_ids   jsonb       not null default '[]',        -- [uuid, …]
    cost          jsonb,                                    -- {amount, currency, period} or null
    request_form  jsonb,                                    -- JSON Schema 2020-12 or null (= no answers)
    components    jsonb       not null default '[]',        -- [{key, kind, description, fulfilmentGroup, accessPeriod}] in position order
    version       bigint,                                   -- the catalogue's version when its events carry one
    occurred_at   timestamptz not null,                     -- occurredAt of the newest event applied
    revision      bigint      not null default 1            -- bumped on every applied event: compiled-form cache key
);

create table catalog_organisation (
    id            uuid primary key,
    name          text        not null,
    parent_id     uuid,
    state         text        not null,                     -- ACTIVE | INACTIVE
    people        jsonb       not null default '[]',        -- [{subject, displayName, roles:[USER|CUSTOMER|SPONSOR…]}]
    version       bigint,
    occurred_at   timestamptz not null
);
-- "organisations where X is CUSTOMER" (people @> '[{"subject":"x","roles":["CUSTOMER"]}]'), for the requesters' list filter
create index catalog_organisation_people on catalog_organisation using gin (people jsonb_path_ops);

create table catalog_relationship (
    id               uuid primary key,
    organisation_id  uuid        not null,
    offering_id      uuid        not null,
    sponsor          text,
    orderers         jsonb       not null default '[]',     -- [subject, …]; empty = every USER or CUSTOMER of the organisation
    valid_from       timestamptz,
    valid_until      timestamptz,
    approval_levels  jsonb       not null default '[]',     -- [{name, rule, quorum, approvers:[…]}]
    state            text        not null,                  -- ACTIVE | TERMINATED
    version          bigint,
    occurred_at      timestamptz not null
);
create index catalog_relationship_terms on catalog_relationship (organisation_id, offering_id) where state = 'ACTIVE';
