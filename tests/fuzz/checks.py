"""Shared checks for the fuzz tests: one submission = one rolled-back savepoint, and three promises.

1. No server error: the test client re-raises any exception a view lets through, and no response is 5xx.
2. A refused submission says why, in Japanese, on the page (next to the field or as a message).
3. A refused submission changes nothing: every business table hashes the same before and after.
"""

import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django import forms
from django.apps import apps
from django.contrib.messages import constants as message_levels
from django.db import connection, transaction
from django.utils.html import escape
from hypothesis import HealthCheck, Phase, settings

from tests.fuzz.strategies import limit_sweep

# Written on purpose by refused requests (the access log, the lockout's count) or by other processes.
NOT_BUSINESS = {"cases.auditentry", "cases.loginattempt", "cases.workerheartbeat"}
BUSINESS_APPS = {"cases", "documents", "viewflow", "auth"}
# The lockout's bookkeeping on the user row, kept on every refused login by design.
NOT_BUSINESS_COLUMNS = {"cases_user": {"failed_login_count", "locked_until"}}

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
# What leaks when an exception's own text reaches the screen.
RAW_EXCEPTION = re.compile(
    r"Traceback|invalid literal|has no attribute|NoneType|object is not|is out of range"
)

FUZZ = settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    database=None,
    # FUZZ_NO_SHRINK=1 reports the first failing example as drawn: shrinking a page-long example
    # through the full request cycle can take minutes.
    phases=[Phase.explicit, Phase.generate]
    if os.environ.get("FUZZ_NO_SHRINK")
    else [Phase.explicit, Phase.generate, Phase.shrink],
)


def fuzz_settings(examples: int):
    """``examples`` per test in the regular run; FUZZ_SCALE=10 searches ten times longer."""
    scale = float(os.environ.get("FUZZ_SCALE", "1"))
    return settings(FUZZ, max_examples=max(1, int(examples * scale)))


def _tables() -> list[str]:
    tables = []
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in BUSINESS_APPS and meta.label_lower not in NOT_BUSINESS and meta.managed:
            if not meta.proxy:
                tables.append(meta.db_table)
            tables.extend(f.remote_field.through._meta.db_table for f in meta.local_many_to_many)
    return sorted(set(tables))


def _row(table: str) -> str:
    skipped = NOT_BUSINESS_COLUMNS.get(table)
    if not skipped:
        return "t::text"
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
    kept = ", ".join(f"t.{connection.ops.quote_name(c)}" for c in columns if c not in skipped)
    return f"row({kept})::text"


def db_state() -> dict[str, str]:
    """Table → count and digest of every row, in one query."""
    quote = connection.ops.quote_name
    parts = []
    for table in _tables():
        row = _row(table)
        parts.append(
            f"SELECT '{table}', count(*)::text || ':' || "
            f"md5(coalesce(string_agg({row}, '|' ORDER BY {row}), '')) FROM {quote(table)} t"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return dict(cursor.fetchall())


def assert_unchanged(before: dict[str, str], after: dict[str, str], why: str) -> None:
    changed = sorted(table for table in before if before[table] != after.get(table))
    assert not changed, f"{why}: refused, but these tables changed: {changed}"


@contextmanager
def rolled_back():
    """Each example starts from the same data: whatever it wrote is undone."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def is_japanese(message: str) -> bool:
    return bool(JAPANESE.search(message)) and not RAW_EXCEPTION.search(message)


def _forms_in(context) -> list[forms.BaseForm]:
    found = []
    if context is None:
        return found
    for layer in getattr(context, "dicts", None) or [context]:
        values = layer.values() if hasattr(layer, "values") else []
        for value in values:
            if isinstance(value, forms.BaseForm) and value not in found:
                found.append(value)
    return found


def _contexts(response):
    context = response.context
    if context is None:
        return []
    return list(context) if isinstance(context, list) else [context]


@dataclass
class Outcome:
    status: int
    refused: bool
    errors: list[str] = field(default_factory=list)
    messages: list[tuple[int, str]] = field(default_factory=list)
    page: str = ""


def _messages(response) -> list[tuple[int, str]]:
    for context in _contexts(response):
        storage = context.get("messages") if hasattr(context, "get") else None
        if storage is not None:
            return [(m.level, str(m)) for m in storage]
    return []


def _form_errors(response) -> list[str]:
    errors: list[str] = []
    for context in _contexts(response):
        for form in _forms_in(context):
            if form.is_bound and form.errors:
                for messages in form.errors.values():
                    errors.extend(str(m) for m in messages)
    return errors


def check_response(client, response, *, explain: bool, extra_errors=()) -> Outcome:
    """Asserts the promises a single response can show; follows a redirect to read its messages.

    ``explain``: the screen changes data, so a non-redirect answer to a POST is a refusal and must
    say why. ``extra_errors`` are a screen's own error lists (e.g. the CSV line errors).
    """
    assert response.status_code < 500, f"server error {response.status_code}"
    page = response.content.decode("utf-8", "replace") if not response.streaming else ""
    errors = _form_errors(response) + [str(e) for e in extra_errors]
    for message in errors:
        assert is_japanese(message), f"error message not in Japanese or leaks an exception: {message!r}"
        assert escape(message) in page, f"error message not shown on the page: {message!r}"
    messages = _messages(response)
    if response.status_code in (301, 302, 303):
        followed = client.get(response["Location"])
        assert followed.status_code < 500, f"the page after the redirect failed: {followed.status_code}"
        messages += _messages(followed)
        page = followed.content.decode("utf-8", "replace") if not followed.streaming else ""
    for _level, message in messages:
        assert is_japanese(message), f"message not in Japanese or leaks an exception: {message!r}"
    problems = [m for level, m in messages if level >= message_levels.WARNING]
    refused = bool(errors or problems) or (explain and response.status_code not in (301, 302, 303))
    if explain and response.status_code == 200 and not (errors or problems):
        raise AssertionError("the submission was neither accepted nor refused with a message")
    if response.status_code in (400, 409) and explain:
        assert errors or problems, f"status {response.status_code} without any message"
    return Outcome(response.status_code, refused, errors, messages, page)


def submit(client, method: str, url: str, data, *, explain: bool, user=None, extra_errors=None, **kwargs):
    """One rolled-back submission with all three checks. Returns the Outcome."""
    with rolled_back():
        if user is not None:
            client.force_login(user)
        if method == "post" and isinstance(data, dict):
            # A browser always sends the CSRF token, so a real POST is never empty (the test client
            # skips the check itself).
            data = {"csrfmiddlewaretoken": "x" * 64, **data}
        before = db_state()
        response = getattr(client, method)(url, data, **kwargs)
        after = db_state()
        extra = extra_errors(response) if extra_errors else ()
        outcome = check_response(client, response, explain=explain, extra_errors=extra)
        if outcome.refused or not explain:
            assert_unchanged(before, after, f"{method.upper()} {url}")
    client.cookies.pop("messages", None)
    return outcome


def sweep(client, method: str, url: str, form, valid, *, explain: bool, user=None) -> int:
    """``submit`` for each boundary date of ``strategies.limit_sweep``; returns how many were sent."""
    cases = limit_sweep(form, valid)
    assert cases, "no date field to sweep"
    for data in cases:
        submit(client, method, url, data, explain=explain, user=user)
    return len(cases)
