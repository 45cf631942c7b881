"""What every seeder receives, and what it hands back for the closing summary."""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

DEFAULT_SEED = 20260401
DEFAULT_RESIDENTS = 300
DEFAULT_BATCH_SIZE = 5_000


class DemoRandom(random.Random):
    """random.Random with cheaper randint/choice (one float each instead of several bit draws).

    Seeding works as usual, so a seed still gives the same data; the demo draws tens of millions
    of numbers for 300,000 residents and these two calls were a large share of the run time.
    """

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]


@dataclass(frozen=True)
class SummaryLine:
    label_ja: str
    label_en: str
    count: int


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    office: str
    display_name: str
    created: bool
    has_demo_password: bool


@dataclass
class SeedContext:
    seed: int = DEFAULT_SEED
    residents: int = DEFAULT_RESIDENTS
    as_of: dt.date = field(default_factory=timezone.localdate)
    batch_size: int = DEFAULT_BATCH_SIZE
    reset_passwords: bool = False
    with_cases: bool = True
    notify: Callable[[str], None] = print
    summary: list[SummaryLine] = field(default_factory=list)
    logins: list[Login] = field(default_factory=list)

    def rng(self, name: str) -> random.Random:
        """One stream per seeder, so adding a seeder never changes what the earlier ones make."""
        return DemoRandom(f"{self.seed}:{name}")

    def count(self, label_ja: str, label_en: str, count: int) -> None:
        self.summary.append(SummaryLine(label_ja, label_en, count))
