"""PostgreSQL binds the parameters and prepares the statements a connection repeats, and compose keeps
connections so that they do (decisions §36): the desk's steps send the same few dozen statements, and
parsing and planning them was about a fifth of the database's CPU per case in bench_city_year.py. A pooler
that cannot keep prepared statements turns it off."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from cases.kernel.models import Case

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.pg
@pytest.mark.django_db
def test_a_statement_repeated_on_a_connection_is_prepared_once_and_planned_no_more():
    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%%cases_case%%'"
            )
            return cursor.fetchone()[0]

    before = prepared()
    for pk in range(1, 8):  # different values, one statement: the parameters travel apart from it
        assert Case.objects.filter(pk=pk, stage="closed").first() is None
    assert prepared() == before + 1


def _options(value: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_SERVER_SIDE_BINDING"}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": "postgres://u@127.0.0.1/x"}
    if value is not None:
        env["DATABASE_SERVER_SIDE_BINDING"] = value
    code = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS', {}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_server_side_binding_is_the_default_and_an_environment_variable_turns_it_off():
    assert _options(None) == "{'server_side_binding': True, 'prepare_threshold': 5}"
    assert _options("false") == "{}"


def test_compose_keeps_connections_and_django_checks_one_before_reusing_it(settings):
    """A statement is prepared only on a connection that runs it five times: compose keeps each process's
    connection for a minute (.env.example), and a kept one is checked before a request uses it."""
    env_example = (ROOT / ".env.example").read_text(encoding="utf-8")
    kept = [line for line in env_example.splitlines() if line.startswith("DATABASE_CONN_MAX_AGE=")]
    assert kept == ["DATABASE_CONN_MAX_AGE=60"]
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
