select state, priority, sum(count) from incident_count where service_id = '818fde92-81fe-4731-ada2-26b5453f8103' group by state, priority;
