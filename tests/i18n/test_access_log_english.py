"""The access log on an English screen: the 対象 and 利用目的 columns stayed Japanese (exploratory test of
2026-12-05, 「Not done」). The log keeps what it kept — the purposes in Japanese, the installation's
words, and never rewritten (append-only, hashed: tests/security/test_i11_audit_log.py) — and the
auditor's screen and CSV word the purposes the code writes from its fixed list, as they word targets
and reasons, in the reader's language. A purpose a person typed, and anything not on the list, stays as
written. The PDF report and the 開示報告書 are documents: Japanese whoever asks.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone, translation

from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.registry.mynumber import mynumber_register, mynumber_reveal
from cases.security.audit import audit_chain_verify, audit_record
from cases.security.audit_present import audit_rows, target_label
from cases.security.models.audit import AuditAction, AuditEntry
from cases.submission import bundles as bundle_services
from cases.submission.models import SubmissionBundle
from tests.factories import PensionRecordFactory
from tests.i18n.pending import english_pending
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("cases", "documents", "workflows", "tasks")
AUDIT_WRITERS = {"audit_record", "audit_record_each", "audit_bundle", "_audit"}
NUMBER = "24681357902" + str(mynumber_check_digit("24681357902"))


# --- what the code writes ---------------------------------------------------------------------------


def _module_strings(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "..." (a purpose kept in a constant, e.g. the purge's REASON)."""
    return {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and isinstance(node.value.value, str)
    }


def _written(value: ast.expr, constants: dict[str, str], where: str) -> list[tuple[str, str]]:
    """The purposes one expression may write: ("text", purpose) or ("built", how) for one the table
    cannot read (an f-string or a sum: it must be built with cases.security.audit_purposes)."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [("text", value.value)] if value.value else []
    if isinstance(value, ast.IfExp):
        return _written(value.body, constants, where) + _written(value.orelse, constants, where)
    if isinstance(value, ast.Name) and value.id in constants:
        return [("text", constants[value.id])]
    if isinstance(value, ast.JoinedStr | ast.BinOp):
        return [("built", where)]
    return []  # a variable: what a person typed, or a purpose built elsewhere and tested there


def purposes_written() -> list[tuple[str, str]]:
    found = []
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            constants = _module_strings(tree)
            for node in ast.walk(tree):
                where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
                if isinstance(node, ast.Call):
                    name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                    if name in AUDIT_WRITERS:
                        # A purpose passed by position is not seen here: pass it as purpose=.
                        found += [("built", where) for arg in node.args if _written(arg, {}, where)]
                        for keyword in node.keywords:
                            if keyword.arg == "purpose":
                                found += _written(keyword.value, constants, where)
                # A command's purpose (cases.management.base.ActorCommand.purpose).
                if isinstance(node, ast.ClassDef):
                    for statement in node.body:
                        if isinstance(statement, ast.Assign) and any(
                            getattr(target, "id", "") == "purpose" for target in statement.targets
                        ):
                            found += _written(statement.value, constants, where)
    return found


def test_every_purpose_the_code_writes_is_on_the_list_the_screens_word():
    from cases.security.audit_purposes import fixed_purposes
    from cases.security.selectors.audit import AUDIT_PURPOSES

    written = purposes_written()
    assert len(written) > 30  # the walk finds them (commands, services, views)
    built = [where for kind, where in written if kind == "built"]
    assert not built, f"build these with cases.security.audit_purposes: {built}"
    texts = {text for _kind, text in written} | set(AUDIT_PURPOSES.values())
    assert texts - set(fixed_purposes()) == set()


def test_a_results_received_purpose_is_written_in_japanese_whatever_the_screen(supervisor):
    """A 係長 applying 機構's results on an English screen logged 「処理結果の受領 (Partly returned by
    JPS)」: the bundle's state was put in the writer's language into an append-only log."""
    bundle = SubmissionBundle.objects.create(
        number="S-EN", cutoff_at=timezone.now(), state=SubmissionBundle.State.SENT
    )
    with translation.override("en"):
        bundle_services.bundle_mark_result(bundle=bundle, partially_returned=True)
    entry = AuditEntry.objects.get(target="bundle:S-EN")
    assert entry.purpose == "処理結果の受領 (一部返戻)"


# --- what the screens show ----------------------------------------------------------------------


def logged(actor, target: str, purpose: str, **detail) -> AuditEntry:
    return audit_record(action=AuditAction.CHANGE, actor=actor, target=target, purpose=purpose, detail=detail)


def shown(entry: AuditEntry, language: str) -> str:
    with translation.override(language):
        (row,) = audit_rows(AuditEntry.objects.filter(pk=entry.pk))
    return row.purpose


def test_a_fixed_purpose_is_worded_for_the_reader_and_kept_as_written(monkeypatch, supervisor):
    english = english_pending(
        monkeypatch, "送付の封緘", "処理結果一覧表の取込 (確認待ち)", "自己点検", context="利用目的"
    )
    for purpose, words in english.items():
        entry = logged(supervisor, "bundle:S20261127-1500", purpose)
        assert shown(entry, "en") == words != purpose
        assert shown(entry, "ja") == purpose
        entry.refresh_from_db()
        assert entry.purpose == purpose
    assert audit_chain_verify().ok


def test_a_purpose_with_a_part_filled_in_is_worded_around_it(monkeypatch, supervisor):
    """日本年金機構 (旭川年金事務所) への提供 and 処理結果の受領 (一部返戻): the office's name stays as
    the setting spells it, the bundle's state is a label worded in turn."""
    english = english_pending(
        monkeypatch, "日本年金機構 (%(office)s) への提供", "処理結果の受領 (%(state)s)", context="利用目的"
    )
    office = settings.NENKIN_PENSION_OFFICE
    handed = logged(supervisor, "bundle:S1", f"日本年金機構 ({office}) への提供")
    assert shown(handed, "en") == english["日本年金機構 (%(office)s) への提供"] % {"office": office}
    assert shown(handed, "ja") == f"日本年金機構 ({office}) への提供"
    received = logged(supervisor, "bundle:S1", "処理結果の受領 (一部返戻)")
    with translation.override("en"):
        state = str(SubmissionBundle.State.PARTIALLY_RETURNED.label)
    assert shown(received, "en") == english["処理結果の受領 (%(state)s)"] % {"state": state}
    assert shown(received, "ja") == "処理結果の受領 (一部返戻)"


def test_an_old_results_received_in_english_reads_in_todays_words(supervisor):
    """Entries the English screen wrote before the fix: read as the Japanese kept today, not rewritten."""
    entry = logged(supervisor, "bundle:S1", "処理結果の受領 (Partly returned by JPS)")
    assert shown(entry, "ja") == "処理結果の受領 (一部返戻)"
    entry.refresh_from_db()
    assert entry.purpose == "処理結果の受領 (Partly returned by JPS)" and audit_chain_verify().ok


def test_a_reveals_purpose_is_worded_and_the_note_and_case_kept(monkeypatch, clerk, reference_data):
    """本人確認 (窓口での番号の確認): <note> (案件 2026-000001): the label from the list is worded, what the
    clerk typed stays, 案件 is worded around the case's number."""
    english = english_pending(monkeypatch, "%(purpose)s (案件 %(number)s)", context="利用目的")
    person = PensionRecordFactory().resident
    mynumber_register(resident=person, number=NUMBER)
    case = h.start_case(clerk=clerk, resident=person)
    mynumber_reveal(user=clerk, resident=person, purpose="pension_office", note="電話での照会", case=case)
    entry = AuditEntry.objects.get(action=AuditAction.MYNUMBER_REVEAL)
    assert entry.purpose == f"日本年金機構への照会・回答: 電話での照会 (案件 {case.number})"
    with translation.override("en"):
        label = "Inquiry to or answer for the Japan Pension Service"
        assert translation.gettext("日本年金機構への照会・回答") == label
    assert shown(entry, "en") == english["%(purpose)s (案件 %(number)s)"] % {
        "purpose": f"{label}: 電話での照会",
        "number": case.number,
    }
    assert shown(entry, "ja") == entry.purpose


def test_what_a_person_typed_and_what_is_not_on_the_list_stay_as_written(clerk, supervisor):
    typed = [
        logged(supervisor, "use_suspension_lifted", "送付の封緘"),  # a reason typed: even list words
        logged(supervisor, "disclosure_mynumber_approval", "本人確認 (窓口での番号の確認)"),
        logged(clerk, "bundle:S1", "送付の封緘 (やり直し)"),
        logged(clerk, "case", "日本年金機構への照会・回答: 電話"),  # a reveal's words on another target
    ]
    for entry in typed:
        assert shown(entry, "en") == entry.purpose == shown(entry, "ja")


def test_the_auditors_screen_and_csv_follow_the_reader_and_the_pdf_report_stays_japanese(
    client, monkeypatch, auditor, supervisor
):
    from documents.services import report_document_request

    english = english_pending(monkeypatch, "送付データ (ZIP) の作成", context="利用目的")[
        "送付データ (ZIP) の作成"
    ]
    logged(supervisor, "bundle:S20261127-1500", "送付データ (ZIP) の作成")
    client.force_login(auditor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert english in client.get("/audit/").content.decode()
    assert english in client.get("/audit/report.csv").content.decode("utf-8-sig")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    page = client.get("/audit/").content.decode()
    assert "送付データ (ZIP) の作成" in page and english not in page
    with translation.override("en"):
        report = report_document_request(kind="audit_report", requested_by=auditor, filters={})
    purposes = [row["purpose"] for row in report.context["entries"]]
    assert "送付データ (ZIP) の作成" in purposes and english not in purposes


# --- targets ------------------------------------------------------------------------------------


def targets_written() -> set[str]:
    """Every target the code writes: a fixed one, or the prefix of one with an id ("bundle:")."""
    found = set()
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                if getattr(node.func, "id", getattr(node.func, "attr", "")) not in AUDIT_WRITERS:
                    continue
                for keyword in node.keywords:
                    value = keyword.value
                    if keyword.arg != "target":
                        continue
                    if isinstance(value, ast.Subscript):  # f"定期処理:{obj.name}"[:100]
                        value = value.value
                    if isinstance(value, ast.Constant):
                        found.add(value.value)
                    elif isinstance(value, ast.JoinedStr) and isinstance(value.values[0], ast.Constant):
                        found.add(value.values[0].value)
    return found


def test_the_walk_finds_every_target_the_code_writes_named():
    from cases.security.audit_present import PREFIX_LABELS, TARGET_LABELS

    written = targets_written()
    assert {"case", "bundle:", "職員:"} <= written
    with_id = {target for target in written if ":" in target}  # bundle:, document:disclosure
    assert {target.split(":")[0] for target in with_id} - set(PREFIX_LABELS) == set()
    assert (written - with_id) - set(TARGET_LABELS) == set()


def test_every_target_the_desk_writes_is_named(monkeypatch, clerk):
    """The English sweep named the raw codes it met; these were left: the data file's spelling, the
    work list print, an import's id, and a staff member's password change or expiry (「職員:clerk1」)."""
    english_pending(
        monkeypatch,
        "作業票",
        "住民記録・所得情報の取込番号",
        "パスワードの変更",
        "ユーザーIDの利用停止",
        "定期処理",
    )
    for target, detail in (
        ("datafile_spelling", {}),
        ("worklist", {}),
        ("import:3", {"event": "upload_swept"}),
        ("職員:clerk1", {"event": "password_change"}),
        ("職員:clerk1", {"event": "account_disabled", "reason": "password_expired"}),
        ("事務所:honcho", {"event": "something_new"}),  # a new event: the kind of target still named
        ("定期処理:weekly", {}),
    ):
        with translation.override("en"):
            label = target_label(target, detail)
        assert label != target and not label.startswith(target.split(":")[0] + ":"), (target, label)


def test_a_role_in_an_admin_event_is_named_in_the_readers_language(monkeypatch, clerk):
    english = english_pending(monkeypatch, "窓口担当", context="役割")["窓口担当"]
    detail = {"event": "role_grant_requested", "username": "clerk1", "role": "窓口担当"}
    with translation.override("en"):
        label = target_label("職員:clerk1", detail)
    assert f"({english})" in label and "(窓口担当)" not in label
    with translation.override("ja"):
        assert "(窓口担当)" in target_label("職員:clerk1", detail)


def test_the_job_that_disables_expired_accounts_is_named_in_the_readers_language(monkeypatch):
    english = english_pending(monkeypatch, "(自動処理)")["(自動処理)"]
    entry = audit_record(action=AuditAction.CHANGE, username="(自動処理)", target="職員:x")
    with translation.override("en"):
        (row,) = audit_rows([entry])
    assert row.username == english
