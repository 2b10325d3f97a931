select state, priority, sum(count) from incident_count where service_id = '09638f70-186a-44bc-a70d-aa06b0d03348' group by state, priority;
