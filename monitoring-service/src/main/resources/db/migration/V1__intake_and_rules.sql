-- monitoring-service schema (I): the intake queue and the alert rules.
-- The queue is a plain append-only table: the intake writes every accepted alert of a webhook in one statement and
-- answers 202; the processor (P) claims the oldest entries with FOR UPDATE SKIP LOCKED and deletes them in its own
-- transaction, so an accepted alert is never lost and a crash puts the claimed entries back.

create table intake_alert (
    seq          bigserial    primary key,                      -- arrival order
    received_at  timestamptz  not null,
    alert        jsonb        not null                          -- NormalizedAlert
);

-- Alert rules. A rule is never edited in place: each save bumps `version` and copies the rule as saved into
-- alert_rule_version, so every classification (ruleId, ruleVersion) can be traced to the rule as it was.
create table alert_rule (
    id                  uuid          primary key,
    name                varchar(200)  not null,
    description         text,
    position            int           not null,                 -- lower first; ties by name
    enabled             boolean       not null,
    matchers            jsonb         not null default '[]',    -- [{label, op, value}]
    ci                  jsonb,                                  -- {from, label, name, table, default} | null
    service_id          uuid,
    severity_label      varchar(100)  not null,
    severities          jsonb         not null,                 -- {severity: {impact, urgency}}
    dedup_key_template  text,
    auto_resolve        boolean       not null,
    flap_window         varchar(40)   not null,                 -- ISO-8601 duration, PT0S..PT24H
    open_incident       boolean       not null,
    deleted             boolean       not null default false,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    created_by          varchar(200)  not null,
    updated_by          varchar(200)  not null,
    version             bigint        not null
);
create unique index alert_rule_name on alert_rule (lower(name)) where not deleted;
create index alert_rule_updated_at on alert_rule (updated_at, id);
create index alert_rule_position on alert_rule (position, name, id) where not deleted;

create table alert_rule_version (
    rule_id   uuid         not null references alert_rule (id),
    version   bigint       not null,
    rule      jsonb        not null,                            -- the AlertRuleView as saved
    saved_at  timestamptz  not null,
    saved_by  varchar(200) not null,
    primary key (rule_id, version)
);

-- One row: bumped in the same transaction as every rule save, so the RuleBook's cache knows with one cheap SELECT
-- whether it must reload.
create table alert_rule_revision (
    id        int     primary key check (id = 1),
    revision  bigint  not null
);
insert into alert_rule_revision (id, revision) values (1, 0);
