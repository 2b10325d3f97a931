-- The consumer side of the catalogue (#18): what an offering costs and asks of a requester, the consumer
-- organisations with their people, and the service relationships that let an organisation order an offering.

-- ---------------------------------------------------------------- offerings
-- cost: all three columns or none (a non-null cost means a budget approval by the relationship's sponsor)
alter table offering
    add column cost_amount   numeric(14, 2) check (cost_amount >= 0),
    add column cost_currency text check (cost_currency ~ '^[A-Z]{3}$'),
    add column cost_period   text check (cost_period in ('ONE_OFF', 'MONTHLY', 'YEARLY')),
    -- the request form, a JSON Schema (2020-12); text, not jsonb: jsonb reorders keys, and the order of a
    -- form's properties is the order a requester is asked them in
    add column request_form  text,
    add constraint offering_cost_complete check (
        (cost_amount is null) = (cost_currency is null) and (cost_amount is null) = (cost_period is null));

-- component_key: how answers and request items refer to a component; unique within the offering (checked by
-- the application: Hibernate rewrites a changed component list row by row, so a unique index could see a
-- transient duplicate while two components swap places)
alter table offering_component
    add column component_key    text,
    add column fulfilment_group text,
    add column access_period    text,
    add constraint offering_component_access_period check (access_period is null or kind = 'ACCESS_TO_RESOURCES');
-- existing components: <kind, lower case, - for _>-<position + 1>, e.g. goods-1, access-to-resources-2
update offering_component set component_key = lower(replace(kind, '_', '-')) || '-' || (position + 1);
alter table offering_component alter column component_key set not null;

-- ---------------------------------------------------------------- consumer organisations
create table consumer_organisation (
    id          uuid primary key,
    name        text        not null,
    description text,
    -- kept acyclic by the application under an advisory lock (ConsumerOrganisationService)
    parent_id   uuid references consumer_organisation (id),
    state       text        not null check (state in ('ACTIVE', 'INACTIVE')),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null,
    search_document tsvector generated always as (
        setweight(to_tsvector('simple', name), 'A')
        || setweight(to_tsvector('simple', coalesce(description, '')), 'B')) stored
);
create index consumer_organisation_name_order on consumer_organisation (name, id);
create index consumer_organisation_state_order on consumer_organisation (state, name, id);
create index consumer_organisation_parent_order on consumer_organisation (parent_id, name, id);
create index consumer_organisation_created_order on consumer_organisation (created_at, id);
create index consumer_organisation_updated_order on consumer_organisation (updated_at, id);
create index consumer_organisation_search on consumer_organisation using gin (search_document);

-- people of an organisation, by token subject; roles: comma-separated USER, CUSTOMER, SPONSOR (at least one)
create table consumer_person (
    organisation_id uuid not null references consumer_organisation (id) on delete cascade,
    subject         text not null,
    display_name    text not null,
    roles           text not null check (roles <> ''),
    primary key (organisation_id, subject)
);
create index consumer_person_subject on consumer_person (subject);

-- ---------------------------------------------------------------- service relationships
create table service_relationship (
    id              uuid primary key,
    organisation_id uuid        not null references consumer_organisation (id),
    offering_id     uuid        not null references offering (id),
    sponsor         text        not null,
    valid_from      timestamptz not null,
    valid_until     timestamptz check (valid_until > valid_from),
    -- [{name, rule, quorum, approvers[]}] in order
    approval_levels jsonb       not null default '[]'::jsonb,
    state           text        not null check (state in ('ACTIVE', 'TERMINATED')),
    terminated_at   timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null,
    search_document tsvector generated always as (to_tsvector('simple', sponsor)) stored
);
-- one ACTIVE relationship per organisation × offering (the application answers 409 first; this is the backstop)
create unique index service_relationship_active on service_relationship (organisation_id, offering_id) where state = 'ACTIVE';
create index service_relationship_created_order on service_relationship (created_at, id);
create index service_relationship_updated_order on service_relationship (updated_at, id);
create index service_relationship_organisation_order on service_relationship (organisation_id, created_at, id);
create index service_relationship_offering_order on service_relationship (offering_id, created_at, id);
create index service_relationship_state_order on service_relationship (state, created_at, id);
create index service_relationship_sponsor on service_relationship (organisation_id, sponsor) where state = 'ACTIVE';

-- who may order under a relationship (none = every USER or CUSTOMER of the organisation)
create table service_relationship_orderer (
    relationship_id uuid not null references service_relationship (id) on delete cascade,
    position        int  not null,
    subject         text not null,
    primary key (relationship_id, position)
);
