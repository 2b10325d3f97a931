select state, priority, sum(count) from incident_count group by state, priority;
