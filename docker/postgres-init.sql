-- The databases of the topology on one PostgreSQL server (the launcher gives each app its own embedded server).
create database marketplace;
create database catalog_service;
create database gateway;
