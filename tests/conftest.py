import os

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from hypothesis import settings as hypothesis_settings

from cases.reference import reference_data_ensure
from cases.security.models.offices import Office
from cases.security.models.users import User
from cases.security.roles import ROLES_BY_CODE

# The suite draws the same examples every run, so CI passes or fails on the code alone, never on
# the luck of a draw; HYPOTHESIS_PROFILE=explore draws new ones (with FUZZ_SCALE=10 for the fuzz
# tests) to look for what the fixed draw has not found yet. Loaded here, before any test module
# builds its settings from the default.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def office_language():
    """Each test starts and ends in the default language, whatever a test activated."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def reference_data(db) -> None:
    # transaction=True tests flush the database, migration data included.
    reference_data_ensure()


@pytest.fixture
def office(reference_data) -> Office:
    return Office.objects.get(code="honcho")


@pytest.fixture
def other_office(reference_data) -> Office:
    return Office.objects.get(code="kamui")


def make_user(username: str, role: str, office: Office) -> User:
    user = User.objects.create_user(
        username=username, password="pw-for-tests-only-1", office=office, password_changed_at=timezone.now()
    )
    user.groups.add(Group.objects.get(name=ROLES_BY_CODE[role].group))
    return user


@pytest.fixture
def clerk(office) -> User:
    return make_user("clerk1", "clerk", office)


@pytest.fixture
def clerk2(office) -> User:
    return make_user("clerk2", "clerk", office)


@pytest.fixture
def supervisor(office) -> User:
    return make_user("super1", "supervisor", office)


@pytest.fixture
def operator(office) -> User:
    return make_user("operator1", "operator", office)


@pytest.fixture
def auditor(office) -> User:
    return make_user("auditor1", "auditor", office)


@pytest.fixture
def root(office) -> User:
    """The break-glass superuser: the only account that sees the groups (tests/security/test_url_matrix.py)."""
    user = make_user("root1", "admin", office)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def admin_user(office) -> User:
    user = make_user("admin1", "admin", office)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture(autouse=True, scope="session")
def _celery_task_modules():
    """Services queue jobs by name (cases.common.jobs); the names exist once the task modules are
    imported, which the worker does at start and a run of this folder alone must do too."""
    from tasks.celery import app

    app.loader.import_default_modules()


def _flush_past_the_audit_triggers() -> None:
    """Transactional tests empty every table with one TRUNCATE, which the access log's trigger refuses
    (migration 0015). The suite connects as a superuser, which may set session_replication_role =
    replica for the flush: user triggers do not fire then. The application's own role cannot
    (tests/security/test_i11_audit_log.py)."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush
    if getattr(original, "nenkin_wrapped", False):
        return

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = original(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not statements:
            return statements
        return [
            "SET session_replication_role = replica",
            *statements,
            "SET session_replication_role = DEFAULT",
        ]

    sql_flush.nenkin_wrapped = True
    DatabaseOperations.sql_flush = sql_flush


_flush_past_the_audit_triggers()
