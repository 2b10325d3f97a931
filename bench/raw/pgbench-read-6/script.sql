select state, priority, sum(count) from incident_count where service_id = '644926e9-24a3-4226-ac64-318fabd08c37' group by state, priority;
