"""Synthetic demo data (`manage.py seed_demo`). Everything here is invented; no real person is described."""
