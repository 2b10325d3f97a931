-- one database per service on the compose PostgreSQL server
create database itsm_catalog;
create database itsm_incident;
create database itsm_sla;
create database itsm_change;
create database itsm_problem;
create database itsm_request;
create database itsm_monitoring;
create database itsm_webhook;
