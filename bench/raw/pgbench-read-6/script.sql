select state, priority, sum(count) from incident_count where service_id = '157cde54-93ce-44f9-bcee-098873b92769' group by state, priority;
