-- JSON kept as text becomes jsonb, mapped by Hibernate (@JdbcTypeCode(SqlTypes.JSON)) instead of by hand.
alter table sla_calendar alter column definition type jsonb using definition::jsonb;
alter table sla_agreement alter column definition type jsonb using definition::jsonb;
alter table sla_agreement_revision alter column definition type jsonb using definition::jsonb;
-- "50,75" becomes [50, 75]
alter table sla_timer alter column warning_thresholds type jsonb using
    case when btrim(warning_thresholds) = '' then '[]'::jsonb else ('[' || warning_thresholds || ']')::jsonb end;
