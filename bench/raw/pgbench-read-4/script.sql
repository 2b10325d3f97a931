select state, priority, count(*) from incident group by state, priority;
