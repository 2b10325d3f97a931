-- The read path at scale (#15): every sort a list allows, and its default order under each common
-- filter, is read from an index in order (keyset paging walks it from the cursor, no OFFSET and no
-- Sort); (updated_at, id) serves the changes feed; q= searches a full-text document (GIN).
--
-- Orders end in id (the keyset's unique tie-break). A low-cardinality sort field (state, type, owner,
-- class, environment, consumer group) is tied by the list's default order first, so one index serves
-- both "filter by it, default order" and "sort by it" (see support.Listing).
--
-- Full text: configuration 'simple' (no stemming, no stop words: keys, host names and codes stay as
-- typed; see support.TextSearchFunctions), the main names weighted A, descriptions B. Generated and
-- stored: the database keeps the document in step with every insert and update.

-- configuration items (the largest collection); the single-column indexes of V1 are covered below
drop index configuration_item_class;
drop index configuration_item_status;
drop index configuration_item_environment;
create index configuration_item_name_order on configuration_item (name, id);
create index configuration_item_class_order on configuration_item (ci_class, name, id);
create index configuration_item_environment_order on configuration_item (environment, name, id);
create index configuration_item_status_order on configuration_item (status, name, id);
create index configuration_item_created_order on configuration_item (created_at, id);
create index configuration_item_updated_order on configuration_item (updated_at, id);
alter table configuration_item add column search_document tsvector generated always as (
    setweight(to_tsvector('simple', name), 'A')) stored;
create index configuration_item_search on configuration_item using gin (search_document);

-- services (default order: key, unique)
drop index service_status;
drop index service_owner;
create index service_key_order on service (service_key, id);
create index service_name_order on service (name, id);
create index service_status_order on service (status, service_key, id);
create index service_type_order on service (type, service_key, id);
create index service_owner_order on service (owner, service_key, id);
create index service_created_order on service (created_at, id);
create index service_updated_order on service (updated_at, id);
alter table service add column search_document tsvector generated always as (
    setweight(to_tsvector('simple', service_key || ' ' || name), 'A')
    || setweight(to_tsvector('simple', coalesce(description, '') || ' ' || coalesce(utility, '')), 'B')) stored;
create index service_search on service using gin (search_document);

-- offerings (default order: name)
drop index offering_status;
create index offering_name_order on offering (name, id);
create index offering_status_order on offering (status, name, id);
create index offering_group_order on offering (target_consumer_group, name, id);
create index offering_created_order on offering (created_at, id);
create index offering_updated_order on offering (updated_at, id);
alter table offering add column search_document tsvector generated always as (
    setweight(to_tsvector('simple', name), 'A')
    || setweight(to_tsvector('simple', coalesce(description, '') || ' ' || target_consumer_group), 'B')) stored;
create index offering_search on offering using gin (search_document);

-- products (default order: name)
create index product_name_order on product (name, id);
create index product_created_order on product (created_at, id);
create index product_updated_order on product (updated_at, id);
alter table product add column search_document tsvector generated always as (
    setweight(to_tsvector('simple', name), 'A')
    || setweight(to_tsvector('simple', coalesce(description, '')), 'B')) stored;
create index product_search on product using gin (search_document);
