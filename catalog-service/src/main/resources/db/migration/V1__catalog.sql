-- catalog-service schema: services (portfolio), products, offerings, configuration items and their relations.

create table service (
    id                      uuid primary key,
    service_key             text        not null unique,
    name                    text        not null,
    description             text,
    type                    text        not null check (type in ('BUSINESS', 'TECHNICAL')),
    owner                   text        not null,
    utility                 text,
    availability_target     numeric(6, 3),
    capacity_note           text,
    security_classification text,
    support_hours           text,
    status                  text        not null check (status in ('PIPELINE', 'LIVE', 'RETIRED')),
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    version                 bigint      not null
);
create index service_status on service (status);
create index service_owner on service (owner);

-- service_id depends on depends_on_id (kept acyclic by the application under an advisory lock)
create table service_dependency (
    service_id    uuid not null references service (id),
    depends_on_id uuid not null references service (id),
    primary key (service_id, depends_on_id),
    check (service_id <> depends_on_id)
);
create index service_dependency_target on service_dependency (depends_on_id);

create table product (
    id          uuid primary key,
    name        text        not null,
    description text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null
);

create table product_service (
    product_id uuid not null references product (id) on delete cascade,
    service_id uuid not null references service (id),
    primary key (product_id, service_id)
);
create index product_service_service on product_service (service_id);

create table offering (
    id                    uuid primary key,
    name                  text        not null,
    description           text,
    target_consumer_group text        not null,
    status                text        not null check (status in ('DRAFT', 'PUBLISHED', 'WITHDRAWN')),
    published_at          timestamptz,
    withdrawn_at          timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    version               bigint      not null
);
create index offering_status on offering (status);

create table offering_service (
    offering_id uuid not null references offering (id) on delete cascade,
    service_id  uuid not null references service (id),
    primary key (offering_id, service_id)
);
create index offering_service_service on offering_service (service_id);

create table offering_component (
    offering_id uuid not null references offering (id) on delete cascade,
    position    int  not null,
    kind        text not null check (kind in ('GOODS', 'ACCESS_TO_RESOURCES', 'SERVICE_ACTION')),
    description text not null,
    primary key (offering_id, position)
);

create table configuration_item (
    id          uuid primary key,
    name        text        not null,
    ci_class    text        not null,
    environment text        not null,
    status      text        not null check (status in ('PLANNED', 'ACTIVE', 'MAINTENANCE', 'RETIRED')),
    attributes  jsonb       not null default '{}'::jsonb,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null
);
create index configuration_item_class on configuration_item (ci_class);
create index configuration_item_status on configuration_item (status);
create index configuration_item_environment on configuration_item (environment);

-- source_id <relation> target: a CI runs_on / depends_on / hosts a CI or a service
create table ci_relation (
    id          uuid primary key,
    source_id   uuid        not null references configuration_item (id),
    relation    text        not null check (relation in ('runs_on', 'depends_on', 'hosts')),
    target_type text        not null check (target_type in ('CI', 'SERVICE')),
    target_id   uuid        not null,
    created_at  timestamptz not null,
    unique (source_id, relation, target_type, target_id)
);
create index ci_relation_target on ci_relation (target_type, target_id);
