"""The load test's seed (bench/load/seed.py) on a small demo register: its people, a backlog carried by the
real steps, and the residents kept for intakes. Run in the normal suite, so that the seed cannot rot between
the (long) load runs: the demo's applicant finder took a date the seed did not pass, and only a load run
would have found it."""

import sys
from io import StringIO

import pytest
from django.core.management import call_command

from cases.kernel.models import Case
from tests.load.bench_path import LOAD_DIR

sys.path.insert(0, str(LOAD_DIR))
import seed as load_seed

pytestmark = pytest.mark.django_db


def test_the_seed_makes_its_people_a_backlog_and_a_pool_on_the_demo_register():
    call_command("seed_demo", stdout=StringIO(), residents=401, seed=7, no_cases=True)
    # Twenty clerks: two at each office of CLERK_OFFICES, so every 照合 has a second clerk (職務分離).
    accounts = load_seed.users_create(clerks=20, supervisors=1, password="pw-for-tests-only-1")
    made = load_seed.backlog_create(cases=6, clerks=20)
    assert sum(made.values()) == Case.objects.count() > 0
    kept = load_seed.pool_create(size=3)
    assert len(kept["pool"]) == 3
    assert not Case.objects.filter(resident_id__in=[person["id"] for person in kept["pool"]]).exists()
    assert (len(accounts["clerks"]), len(accounts["supervisors"])) == (20, 1)
