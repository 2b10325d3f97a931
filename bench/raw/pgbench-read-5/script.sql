select state, priority, count(*) from incident where service_id = '466c8b9e-9984-4404-a82e-23473d629db2' group by state, priority;
