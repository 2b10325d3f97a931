select state, priority, sum(count) from incident_count where service_id = '1968ea3d-da31-45cf-8d44-82f4a7dd9c68' group by state, priority;
