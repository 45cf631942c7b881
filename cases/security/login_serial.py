"""Login attempts for one ID, one at a time.

The lock-out is read from the recorded attempts before the password is checked, and a failure is
recorded after it (cases/security/auth.py). Attempts sent at the same instant were all in flight between
the two, so each had its password checked: eight wrong passwords sent together got eight guesses where
NENKIN_LOCKOUT_THRESHOLD allows five (security audit, 2026-12-06). Holding a PostgreSQL advisory lock
keyed on the ID from the check to the record makes the next attempt see the last one's failure. The lock
is the session's (not the transaction's): the login runs in autocommit, each record committed when
written, and the lock is released right after, whatever happens. Other databases (the SQLite demo) have
one writer anyway."""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from cases.security.login_ids import login_id_for_log

_NAMESPACE = b"nenkin-login:"


def _key(username: str) -> int:
    digest = hashlib.blake2b(_NAMESPACE + login_id_for_log(username).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def login_attempts_serialised(username: str) -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield
        return
    key = _key(username)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
