-- Lists and documents were stored as JSON text; jsonb lets queries use containment (service_ids @> '["<uuid>"]')
-- instead of LIKE '%<uuid>%', and Hibernate maps them with @JdbcTypeCode(SqlTypes.JSON).
alter table change_model
    alter column allowed_service_ids drop default,
    alter column allowed_service_ids type jsonb using allowed_service_ids::jsonb,
    alter column allowed_service_ids set default '[]'::jsonb,
    alter column allowed_ci_ids drop default,
    alter column allowed_ci_ids type jsonb using allowed_ci_ids::jsonb,
    alter column allowed_ci_ids set default '[]'::jsonb;

alter table change_request
    alter column service_ids drop default,
    alter column service_ids type jsonb using service_ids::jsonb,
    alter column service_ids set default '[]'::jsonb,
    alter column ci_ids drop default,
    alter column ci_ids type jsonb using ci_ids::jsonb,
    alter column ci_ids set default '[]'::jsonb,
    alter column risk_answers drop default,
    alter column risk_answers type jsonb using risk_answers::jsonb,
    alter column risk_answers set default '{}'::jsonb,
    alter column approval_levels drop default,
    alter column approval_levels type jsonb using approval_levels::jsonb,
    alter column approval_levels set default '[]'::jsonb,
    alter column approval_decisions drop default,
    alter column approval_decisions type jsonb using approval_decisions::jsonb,
    alter column approval_decisions set default '[]'::jsonb,
    alter column override_record type jsonb using override_record::jsonb;

alter table blackout_window
    alter column service_ids drop default,
    alter column service_ids type jsonb using service_ids::jsonb,
    alter column service_ids set default '[]'::jsonb;

alter table catalog_service
    alter column depends_on drop default,
    alter column depends_on type jsonb using depends_on::jsonb,
    alter column depends_on set default '[]'::jsonb;

create index change_request_service_ids on change_request using gin (service_ids jsonb_path_ops);
create index change_request_ci_ids on change_request using gin (ci_ids jsonb_path_ops);
