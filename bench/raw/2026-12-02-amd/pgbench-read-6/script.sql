select state, priority, sum(count) from incident_count where service_id = 'd5e5d910-441a-4888-b251-8bed2ec50952' group by state, priority;
