select state, priority, sum(count) from incident_count where service_id = '8e6bfe48-1723-4004-a16a-4ea2f966ea04' group by state, priority;
