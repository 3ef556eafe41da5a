SET client_min_messages = warning;
DROP SCHEMA IF EXISTS mercator_standin CASCADE;
CREATE SCHEMA mercator_standin;
CREATE TABLE mercator_standin.users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);
