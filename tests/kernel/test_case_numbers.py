"""整理番号: consecutive within the year, never drawn twice, given back by a rolled-back intake."""

import threading

import pytest
from django.db import connections, transaction

from cases.kernel.models import CaseNumberSequence
from cases.kernel.services import case_number_next


@pytest.mark.django_db
def test_numbers_run_on_within_a_year_and_start_again_at_1_in_a_new_one():
    CaseNumberSequence.objects.create(year=2026, last=41)
    assert [case_number_next(year=2026) for _ in range(3)] == ["2026-000042", "2026-000043", "2026-000044"]
    assert case_number_next(year=2027) == "2027-000001"
    assert CaseNumberSequence.objects.get(year=2026).last == 44


@pytest.mark.django_db
def test_a_rolled_back_intake_gives_its_number_back():
    assert case_number_next(year=2026) == "2026-000001"
    with pytest.raises(RuntimeError), transaction.atomic():
        assert case_number_next(year=2026) == "2026-000002"
        raise RuntimeError("the intake failed after numbering")
    assert case_number_next(year=2026) == "2026-000002"


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_counters_numbering_at_the_same_instant_never_draw_the_same_number():
    """Each thread draws in its own transaction on its own connection; the upsert's row lock makes
    the second wait for the first's commit (the first year's row is created by a race as well)."""
    threads_count, each = 4, 25
    barrier = threading.Barrier(threads_count)
    drawn: list[str] = []
    failures: list[BaseException] = []

    def counter():
        try:
            barrier.wait()
            for _ in range(each):
                with transaction.atomic():
                    number = case_number_next(year=2031)
                drawn.append(number)
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=counter) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert sorted(drawn) == [f"2031-{n:06d}" for n in range(1, threads_count * each + 1)]
