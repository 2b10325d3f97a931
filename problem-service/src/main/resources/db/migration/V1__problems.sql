-- problem-service schema: problems (ITIL 4 problem management) with their history, links to incidents and
-- changes, the known-error database, recurrence candidates, and the local replicas it keeps from events:
-- incidents (itsm.incident.events), changes (itsm.change.events), CIs and their relations (itsm.catalog.events).
-- Services and CIs affected are uuid[] columns (GIN-indexed): "every problem/known error of this CI" is one
-- index probe, and the row stays one row.

create sequence problem_number_seq start with 1000 increment by 1;
create sequence known_error_number_seq start with 1000 increment by 1;

create table problem (
    id                    uuid         primary key,
    number                varchar(12)  not null unique,          -- PRB0001000
    title                 varchar(200) not null,
    description           text,
    service_ids           uuid[]       not null default '{}',
    ci_ids                uuid[]       not null default '{}',
    impact                varchar(10)  not null,                 -- HIGH | MEDIUM | LOW
    urgency               varchar(10)  not null,
    priority              varchar(2)   not null,                 -- P1..P5 (problem.priority-matrix)
    state                 varchar(20)  not null,                 -- LOGGED | UNDER_ANALYSIS | ROOT_CAUSE_KNOWN | KNOWN_ERROR
                                                                 -- | FIX_IN_PROGRESS | FIX_VERIFICATION | CLOSED | CANCELED
    assignment_group      varchar(200),
    assignee              varchar(200),
    root_cause_category   varchar(100),
    root_cause_analysis   text,
    workaround            text,
    known_error_id        uuid,                                  -- set by publish-known-error
    fix_change_id         uuid,                                  -- the change proposed as the fix (while one is)
    verification_ends_at  timestamptz,                           -- FIX_VERIFICATION: closes by itself at this instant
    candidate_id          uuid,                                  -- the recurrence candidate it was accepted from
    logged_by             varchar(200) not null,
    logged_at             timestamptz  not null,
    resolved_at           timestamptz,
    closed_at             timestamptz,
    canceled_at           timestamptz,
    cancel_reason         text,
    reopen_count          int          not null default 0,
    updated_at            timestamptz  not null,
    version               bigint       not null
);
create index problem_state_priority on problem (state, priority, id);
create index problem_logged_at on problem (logged_at, id);
create index problem_updated_at on problem (updated_at, id);
create index problem_services on problem using gin (service_ids);
create index problem_cis on problem using gin (ci_ids);
create index problem_fix_change on problem (fix_change_id) where fix_change_id is not null;
create index problem_verification_due on problem (verification_ends_at) where state = 'FIX_VERIFICATION';

-- Who did what when (old -> new values), written in the transaction of the change itself.
create table problem_history (
    id          bigserial    primary key,
    problem_id  uuid         not null references problem (id),
    at          timestamptz  not null,
    actor       varchar(200) not null,
    action      varchar(40)  not null,
    changes     jsonb        not null default '[]',   -- [{field, from, to}]
    detail      text
);
create index problem_history_problem on problem_history (problem_id, id);

-- An incident is linked to at most one problem (unique incident_id): the candidate detection skips linked incidents.
create table problem_incident (
    problem_id   uuid         not null references problem (id),
    incident_id  uuid         not null unique,
    linked_at    timestamptz  not null,
    linked_by    varchar(200) not null,               -- a user, or 'problem-service' for automatic links
    primary key (problem_id, incident_id)
);

-- Changes linked to a problem: FIX (proposed as the fix; the problem follows its state) or RELATED.
create table problem_change (
    problem_id  uuid         not null references problem (id),
    change_id   uuid         not null,
    relation    varchar(10)  not null,               -- FIX | RELATED
    linked_at   timestamptz  not null,
    linked_by   varchar(200) not null,
    primary key (problem_id, change_id)
);
create index problem_change_change on problem_change (change_id);

-- The known-error database: one known error per problem, revised by publishing again, RETIRED when the
-- problem closes or is canceled. Full-text search over title, symptoms and workaround.
create table known_error (
    id            uuid         primary key,
    number        varchar(12)  not null unique,      -- KE0001000
    problem_id    uuid         not null unique references problem (id),
    title         varchar(200) not null,
    symptoms      text         not null,
    workaround    text         not null,
    root_cause    text,
    service_ids   uuid[]       not null default '{}',
    ci_ids        uuid[]       not null default '{}',
    status        varchar(10)  not null,             -- ACTIVE | RETIRED
    revision      int          not null default 1,
    published_at  timestamptz  not null,
    retired_at    timestamptz,
    updated_at    timestamptz  not null,
    version       bigint       not null,
    search        tsvector     generated always as (
                      setweight(to_tsvector('english', coalesce(title, '')), 'A')
                   || setweight(to_tsvector('english', coalesce(symptoms, '')), 'B')
                   || setweight(to_tsvector('english', coalesce(workaround, '')), 'C')) stored
);
create index known_error_search on known_error using gin (search);
create index known_error_services on known_error using gin (service_ids);
create index known_error_cis on known_error using gin (ci_ids);
create index known_error_status on known_error (status, published_at, id);
create index known_error_updated_at on known_error (updated_at, id);

-- Replica of incidents (itsm.incident.events): every incident, for links, reopen-on-recurrence and candidates.
create table incident_replica (
    incident_id   uuid         primary key,
    number        varchar(20),
    title         varchar(200),
    state         varchar(20)  not null,
    priority      varchar(2),
    service_id    uuid,
    ci_id         uuid,
    opened_at     timestamptz  not null,
    occurred_at   timestamptz  not null              -- the newest event applied (older ones are ignored)
);
create index incident_replica_ci_opened on incident_replica (ci_id, opened_at) where ci_id is not null;
create index incident_replica_service_opened on incident_replica (service_id, opened_at);
create index incident_replica_opened on incident_replica (opened_at);

-- Replica of changes (itsm.change.events): a proposed fix must name a change known here, and follows its state.
create table change_replica (
    change_id    uuid         primary key,
    number       varchar(20),
    title        varchar(200),
    state        varchar(20)  not null,              -- change-service's states: NEW .. IMPLEMENT, REVIEW, CLOSED, CANCELED, REJECTED
    implemented  boolean      not null default false, -- ChangeImplemented was seen (REVIEW/CLOSED after a completed implementation)
    occurred_at  timestamptz  not null
);

-- Replica of the catalogue's CIs and their relations (itsm.catalog.events): the upstream graph of candidates.
create table catalog_ci (
    id          uuid         primary key,
    name        varchar(200),
    deleted     boolean      not null default false,
    updated_at  timestamptz  not null
);
create table catalog_ci_relation (
    relation_id  uuid         primary key,
    source_id    uuid         not null,              -- source <relation> target, e.g. app DEPENDS_ON database
    relation     varchar(30)  not null,
    target_id    uuid         not null,
    updated_at   timestamptz  not null
);
create index catalog_ci_relation_source on catalog_ci_relation (source_id);
create index catalog_ci_relation_target on catalog_ci_relation (target_id);

-- Recurrence candidates: incidents sharing a CI, a service, or an upstream CI within the sliding window.
create table problem_candidate (
    id              uuid         primary key,
    kind            varchar(12)  not null,           -- CI | SERVICE | UPSTREAM_CI
    key_id          uuid         not null,           -- the shared CI / service / upstream CI
    key_name        varchar(200),
    incident_ids    uuid[]       not null,
    incident_count  int          not null,
    first_opened_at timestamptz  not null,
    last_opened_at  timestamptz  not null,
    state           varchar(10)  not null,           -- OPEN | ACCEPTED | DISMISSED | EXPIRED
    problem_id      uuid,                            -- ACCEPTED: the problem made of it
    dismissed_until timestamptz,                     -- DISMISSED: no new candidate for this key before this instant
    decided_by      varchar(200),
    decided_at      timestamptz,
    detected_at     timestamptz  not null,
    updated_at      timestamptz  not null,
    version         bigint       not null
);
-- at most one OPEN candidate per key
create unique index problem_candidate_open_key on problem_candidate (kind, key_id) where state = 'OPEN';
create index problem_candidate_state on problem_candidate (state, detected_at, id);
create index problem_candidate_key on problem_candidate (kind, key_id, decided_at);
