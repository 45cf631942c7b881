"""Where the load test's modules live (they import each other by name, as locust loads them)."""

from pathlib import Path

LOAD_DIR = Path(__file__).resolve().parent.parent.parent / "bench" / "load"
