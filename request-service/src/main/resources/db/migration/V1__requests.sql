-- request-service schema (R1): service requests with their items (one per offering component), fulfilment
-- tasks (one per item once fulfilment starts), access grants (ACCESS_TO_RESOURCES items) and history.
-- The catalogue replica the orders are checked against is V2 (R2).
-- Approval levels and decisions are jsonb documents of the platform's approval types, like change-service's;
-- the subjects named in any level are also kept in `approvers` (a jsonb array, GIN) so a non-staff caller's list is one
-- indexed condition.

create sequence request_number_seq start with 1000 increment by 1;
create sequence task_number_seq start with 1000 increment by 1;

create table request (
    id                  uuid         primary key,
    number              varchar(12)  not null unique,           -- REQ0001000
    offering_id         uuid         not null,
    offering_name       varchar(200) not null,
    service_ids         jsonb        not null default '[]',     -- [uuid, …]
    organisation_id     uuid         not null,
    relationship_id     uuid,
    requested_by        varchar(200) not null,                  -- the caller's token subject
    requested_for       varchar(200) not null,                  -- the person who gets the goods / access
    answers             jsonb,                                  -- the request form's answers (may hold personal data: never in events)
    cost                jsonb,                                  -- {amount, currency, period} copied from the offering, null = free
    state               varchar(20)  not null,                  -- SUBMITTED | AWAITING_APPROVAL | APPROVED | IN_FULFILMENT
                                                                -- | FULFILLED | CLOSED | REJECTED | CANCELED
    approval_status     varchar(20)  not null,                  -- NOT_REQUIRED | PENDING | APPROVED | REJECTED
    approval_levels     jsonb        not null default '[]',     -- [ApprovalLevel]
    approval_decisions  jsonb        not null default '[]',     -- [ApprovalDecision], in order
    approvers           jsonb        not null default '[]',     -- [subject, …]: every subject named in a level
    awaiting_requester  boolean      not null default false,
    pending_question    text,
    submitted_at        timestamptz  not null,
    approved_at         timestamptz,
    fulfilled_at        timestamptz,
    closed_at           timestamptz,
    canceled_at         timestamptz,
    cancel_reason       text,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    version             bigint       not null
);
create index request_submitted_at on request (submitted_at, id);
create index request_updated_at on request (updated_at, id);
create index request_state on request (state, submitted_at, id);
create index request_requested_by on request (requested_by);
create index request_requested_for on request (requested_for);
create index request_organisation on request (organisation_id);
create index request_offering on request (offering_id);
create index request_approvers on request using gin (approvers jsonb_path_ops);
-- the auto-close job: FULFILLED requests by fulfilment time
create index request_close_due on request (fulfilled_at) where state = 'FULFILLED';

create table request_item (
    id                  uuid         primary key,
    request_id          uuid         not null references request (id),
    position            int          not null,
    component_key       varchar(40)  not null,
    kind                varchar(30)  not null,                  -- GOODS | ACCESS_TO_RESOURCES | SERVICE_ACTION
    description         text,
    answers             jsonb,                                  -- answers[componentKey]
    fulfilment_group    varchar(200) not null,
    access_period       varchar(40),                            -- ISO-8601 duration, ACCESS_TO_RESOURCES only
    state               varchar(20)  not null,                  -- PENDING | IN_FULFILMENT | FULFILLED | FAILED | CANCELED
    unique (request_id, position)
);

create table fulfilment_task (
    id                  uuid         primary key,
    number              varchar(12)  not null unique,           -- TASK0001000
    request_id          uuid         not null references request (id),
    item_id             uuid         not null references request_item (id),
    type                varchar(30)  not null,                  -- DELIVERY | ACCESS_PROVISIONING | WORK
    assignment_group    varchar(200) not null,
    assignee            varchar(200),
    state               varchar(20)  not null,                  -- OPEN | IN_PROGRESS | COMPLETED | FAILED | CANCELED
    notes               jsonb        not null default '[]',     -- [{at, by, command, note}]
    tracking_reference  varchar(200),
    completed_by        varchar(200),
    completed_at        timestamptz,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);
-- the fulfilment queue: a group's tasks in a state, oldest first (one request's tasks share created_at: by number)
create index fulfilment_task_queue on fulfilment_task (assignment_group, state, created_at, number, id);
create index fulfilment_task_created on fulfilment_task (created_at, number, id);
create index fulfilment_task_request on fulfilment_task (request_id);

create table access_grant (
    id                  uuid         primary key,
    request_id          uuid         not null references request (id),
    item_id             uuid         not null references request_item (id),
    subject             varchar(200) not null,
    resource            text         not null,
    granted_at          timestamptz  not null,
    expires_at          timestamptz  not null,
    state               varchar(20)  not null,                  -- ACTIVE | REVOKED
    revoked_at          timestamptz,
    revoke_reason       varchar(20),                            -- EXPIRED | REVOKED_EARLY | REQUEST_CANCELED
    revoked_by          varchar(200)
);
-- the expiry job: ACTIVE grants by expiry (FOR UPDATE SKIP LOCKED over this index)
create index access_grant_due on access_grant (expires_at, id) where state = 'ACTIVE';
create index access_grant_subject on access_grant (subject, state);
create index access_grant_list on access_grant (granted_at, id);
create index access_grant_request on access_grant (request_id);

-- Who did what when (old -> new values), written in the transaction of the change itself.
create table request_history (
    id          bigserial    primary key,
    request_id  uuid         not null references request (id),
    at          timestamptz  not null,
    actor       varchar(200) not null,
    action      varchar(40)  not null,
    changes     jsonb        not null default '[]',   -- [{field, from, to}]
    detail      text
);
create index request_history_request on request_history (request_id, id);
