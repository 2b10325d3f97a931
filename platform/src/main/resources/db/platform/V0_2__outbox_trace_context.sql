-- W3C trace context of the request that wrote the event, forwarded as the record's traceparent header.
alter table outbox_event add column traceparent text;
alter table outbox_event add column tracestate text;
