#!/bin/sh
# Runs once, when the database volume is first created (the postgres image's /docker-entrypoint-initdb.d).
# The application's own role: it logs in, owns nothing and creates nothing. The owner ("nenkin", which runs
# the migrations) grants it what it may do after every migrate (cases/security/db_roles.py): the ordinary
# tables read and write, the access log INSERT and SELECT only.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$POSTGRES_APP_PASSWORD" <<'SQL'
CREATE ROLE nenkin_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'app_password';
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
