"""The seeders `manage.py seed_demo` runs, in order.

Extension point: a later part of the demo (e.g. exemption cases in every workflow stage) adds a
function `seed_<thing>(ctx: SeedContext) -> None` to SEEDERS. Each seeder must be safe to run twice
(skip or top up what exists), draw its randomness from `ctx.rng("<thing>")` so the run stays
reproducible, and report what it made with `ctx.count(...)`.
"""

from collections.abc import Callable

from cases.demo.context import SeedContext
from cases.demo.residents import seed_residents
from cases.demo.users import seed_users

Seeder = Callable[[SeedContext], None]

SEEDERS: list[Seeder] = [
    seed_users,
    seed_residents,
]


def run_seeders(ctx: SeedContext, seeders: list[Seeder] | None = None) -> SeedContext:
    """Runs the record seeders; `manage.py seed_demo` (in workflows, which may depend on cases) adds the
    case seeder after them."""
    for seeder in SEEDERS if seeders is None else seeders:
        seeder(ctx)
    return ctx
