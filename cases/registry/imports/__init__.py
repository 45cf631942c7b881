"""Imports from the city's other systems: 住民記録 (residents) and 住民税 所得 (income) CSV extracts.

Every file is validated in full before anything is written; one bad row rejects the whole file.
Formats: docs/formats/residents.md and docs/formats/income.md.
"""
