select state, priority, sum(count) from incident_count where service_id = '63a760d7-70e1-4783-be42-16e529f75d0e' group by state, priority;
