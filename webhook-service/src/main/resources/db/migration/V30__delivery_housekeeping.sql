-- Housekeeping deletes final deliveries by age: an index over them only (open deliveries have their own).
create index delivery_final on delivery (updated_at) where state in ('DELIVERED', 'DEAD');
