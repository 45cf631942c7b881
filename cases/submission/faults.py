"""Fault injection for the exactly-once tests. Inert unless NENKIN_FAULT_INJECT is set.

    NENKIN_FAULT_INJECT="<point>:<n>:<exit|raise>[:<marker file>]"

makes the job crash when it reaches its n-th case in this run: "exit" ends the process at once
(os._exit, like a killed worker: no except, no finally, no commit), "raise" raises InjectedFault.
With a marker file the fault fires once only (the file records that it did), so a redelivered job
can finish. Points: bundle.collect, bundle.assemble, bundle.seal; letters.prepare, letters.render (the 勧奨状
batch, documents/solicitations.py).
"""

import os

ENV = "NENKIN_FAULT_INJECT"
EXIT_CODE = 75


class InjectedFault(RuntimeError):
    pass


def fault_point(point: str, count: int) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    target, at, how, *marker = spec.split(":", 3)
    if target != point or count != int(at):
        return
    if marker:
        try:
            os.close(os.open(marker[0], os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            return
    if how == "exit":
        os._exit(EXIT_CODE)
    raise InjectedFault(f"fault injected at {point} #{count}")
