"""Running calls at the same instant in separate threads, each on its own database connection, for the
races the suite checks on PostgreSQL (flow lock, document lock, import lock)."""

import threading

from django.core.exceptions import PermissionDenied
from django.db import connections


def race(*calls, timeout: float = 60) -> list[tuple[str, object]]:
    """Each call's outcome, in the calls' order: ("ok", what it returned), ("refused", the
    PermissionDenied it raised) or ("failed", any other exception), so a thread's error reaches the test."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[tuple[str, object]] = [("failed", TimeoutError("never finished"))] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = ("ok", call())
        except PermissionDenied as exc:
            outcomes[index] = ("refused", exc)
        except Exception as exc:  # handed to the test in its outcome
            outcomes[index] = ("failed", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes
