-- sla-service's replica of catalog-service's services, fed by itsm.catalog.events (ServiceCreated,
-- ServiceUpdated, ServiceStatusChanged): agreements may only scope services the catalogue knows.
create table catalog_service (
    service_id    uuid         primary key,
    service_key   varchar(200),
    name          varchar(300) not null,
    status        varchar(20)  not null,
    -- occurredAt of the newest event applied; older copies are ignored
    last_event_at timestamptz  not null
);
