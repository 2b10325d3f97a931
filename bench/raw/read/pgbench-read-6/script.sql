select state, priority, sum(count) from incident_count where service_id = '275e611f-8267-4b06-afeb-8f0d32cec925' group by state, priority;
