"""A stage's steps shared among several processes, as several clerks work the same desk at once.

The parent closes its database connections and forks one process per share; each child opens its own
connection, does its share of the steps (every step its own transactions, exactly as in one process) and
sends back what each step returned, with the CPU the PostgreSQL backend of its connection used and the
statements it sent. The children's own CPU reaches the parent through getrusage(RUSAGE_CHILDREN) once
they are joined. Forking (not spawning) keeps Django, the plans and the staff as the parent has them.
"""

import multiprocessing
import resource
import traceback

from django.db import connection, connections


def children_cpu() -> float:
    """CPU seconds of the children this process has joined so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def spread(items: list, act, workers: int, backend_cpu) -> tuple[list, float, int]:
    """`act(item)` for every item in `workers` forked processes (item k goes to process k % workers).
    Returns what act returned, in the items' order, the CPU seconds of the children's PostgreSQL backends
    and the statements they sent. A step that fails in a child fails the stage here, with its traceback."""
    context = multiprocessing.get_context("fork")
    connections.close_all()  # each child opens its own; a shared socket would interleave their statements
    receivers, children = [], []
    for share in range(workers):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(items[share::workers], act, backend_cpu, sender))
        child.start()
        sender.close()
        receivers.append(receiver)
        children.append(child)
    results: list = [None] * len(items)
    pg, queries, failures = 0.0, 0, []
    for share, (receiver, child) in enumerate(zip(receivers, children, strict=True)):
        try:
            outcome = receiver.recv()
        except EOFError:
            outcome = ("failed", f"process {share} ended without a word (exit code {child.exitcode})")
        child.join()
        if outcome[0] == "failed":
            failures.append(outcome[1])
            continue
        _, returned, backend, sent = outcome
        results[share::workers] = returned
        pg += backend
        queries += sent
    if failures:
        raise RuntimeError("a step failed in a parallel share:\n" + "\n".join(failures))
    return results, pg, queries


def _child(items: list, act, backend_cpu, sender) -> None:
    sent = 0

    def count(execute, sql, params, many, context):
        nonlocal sent
        sent += 1
        return execute(sql, params, many, context)

    try:
        before = backend_cpu()
        with connection.execute_wrapper(count):
            returned = [act(item) for item in items]
        backend = backend_cpu() - before
        sender.send(("done", returned, backend, sent))
    except BaseException:  # whatever it was, the parent must hear of it
        sender.send(("failed", traceback.format_exc()))
    finally:
        connections.close_all()
        sender.close()
