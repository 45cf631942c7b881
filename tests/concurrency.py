"""Running calls at the same instant in separate threads, each on its own database connection, for the
races the suite checks on PostgreSQL (flow lock, document lock, import lock)."""

import threading
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import connections, transaction


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


@contextmanager
def process_row_locked(process_id: int, *, timeout: float = 60):
    """Holds the flow lock of a process (its row, FOR UPDATE) from a second connection while the block
    runs, as a bundle seal or a bulk resume holds it for seconds; released when the block ends."""
    from viewflow.workflow.models import Process

    held, done = threading.Event(), threading.Event()
    failure: list[BaseException] = []

    def hold():
        try:
            with transaction.atomic():
                Process.objects.select_for_update().filter(pk=process_id).exists()
                held.set()
                done.wait(timeout)
        except BaseException as exc:  # handed to the test below
            failure.append(exc)
            held.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(timeout)
    if failure:
        raise failure[0]
    try:
        yield
    finally:
        done.set()
        thread.join(timeout)
