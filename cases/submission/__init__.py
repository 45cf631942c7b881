"""The weekly submission to 日本年金機構: record layout, data file and the deterministic ZIP.

Pure functions only (no database access): `cases.submission.bundles` feeds them.
"""
