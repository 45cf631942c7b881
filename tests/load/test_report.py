"""The load test's verdict on what saturates first (bench/load/report.py), worded from the sampled CPU."""

import sys

from tests.load.bench_path import LOAD_DIR

sys.path.insert(0, str(LOAD_DIR))
import report


def _stage(label: str, users: int, machine: float, gunicorn: float, postgres: float) -> report.Stage:
    stage = report.Stage(label=label, clerks=users, supervisors=0, seconds=300)
    stage.cpu = {"machine": (machine, 2.0), "gunicorn": (gunicorn, 1.0), "postgres": (postgres, 1.0)}
    return stage


def test_saturation_names_the_first_busy_stage_and_the_group_that_grew_most():
    idle = _stage("idle", 0, 0.04, 0.0, 0.0)
    stages = [_stage("1×", 55, 1.74, 0.88, 0.59), _stage("2×", 110, 1.96, 1.0, 0.63)]
    text = report.saturation(idle, stages, cpus=2)
    assert text.startswith("CPU saturates first, at 1× (55 users): the machine's 2 CPUs 87% busy")
    assert "quiet before: 0.04 cores busy" in text and "gunicorn takes the most" in text


def test_a_busy_machine_is_said_to_be_busy():
    busy = _stage("idle", 0, 1.53, 0.0, 0.58)
    text = report.saturation(busy, [_stage("1×", 55, 1.99, 0.53, 0.46)], cpus=2)
    assert "other work on it" in text and "not on a quiet machine" in text


def test_nothing_saturates_below_the_threshold():
    idle = _stage("idle", 0, 0.0, 0.0, 0.0)
    text = report.saturation(idle, [_stage("1×", 55, 1.0, 0.6, 0.3)], cpus=2)
    assert text.startswith("Nothing saturates up to 1× (55 users)")
