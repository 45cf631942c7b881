"""Demo 資格届出 (第1号), made through the same services and steps as the screens: filings of each kind in
several stages, a late one, a list from 機構 with its 勧奨 cases and their batched letters (one answered
at the counter), and a 臨時送付 that took the approved ones before Friday."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.common.codes import AdditionalKind, ChangeReason, InsuredKind
from cases.common.identifiers.kana import normalize_kana, normalize_kanji
from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.common.identifiers.wareki import age_on
from cases.demo.context import SeedContext
from cases.demo.names import FOREIGN_NAMES
from cases.kernel.checklist import checklist_mark
from cases.kernel.models import Case, CaseType
from cases.qualification import services as svc
from cases.qualification.lists import list_import, list_start
from cases.qualification.models import QualificationList
from cases.qualification.request import QualificationRequest
from cases.registry.models.pension import PensionRecord
from cases.registry.models.residents import Resident
from cases.registry.mynumber import mynumber_register
from cases.security.models.users import User
from cases.submission.bundles import BundleNothingToSend, bundle_build_off_cycle
from documents.solicitations import letters_render
from workflows import engine
from workflows import steps as actions
from workflows.selectors import open_tasks_of_case
from workflows.start import case_start
from workflows.submission import bundle_seal

STAFF = ("clerk-honcho", "clerk2-honcho", "supervisor-honcho")
DAY = dt.timedelta(days=1)
# How far each demo filing goes: 0 本人確認, 1 入力, 2 照合, 4 approved (then in the 臨時送付).
IDENTITY, INPUT, CROSS_CHECK, APPROVED = 0, 1, 2, 4
TRIES = 5  # people tried per kind of filing


def _candidates(ctx: SeedContext, *, open_kind: str | None, ages: tuple[int, int], born_by=None) -> list:
    """Residents on the register, with a 基礎年金番号 and no case yet, whose 資格情報 has an open period of
    `open_kind` (None: no open period at all), aged within `ages` on the demo day."""
    people = Resident.objects.filter(
        removed_on__isnull=True, pension__basic_pension_no__isnull=False
    ).exclude(cases__isnull=False)
    is_open = Q(pension__qualifications__lost_on__isnull=True)
    if open_kind is None:
        people = people.exclude(is_open)
    else:
        people = people.filter(is_open, pension__qualifications__insured_kind=open_kind)
    if born_by is not None:
        people = people.filter(birth_date__lte=born_by)
    low, high = ages
    return [
        p for p in people.distinct().order_by("pk")[:400] if low <= age_on(p.birth_date, ctx.as_of) < high
    ]


def _arrived_from_abroad(ctx: SeedContext) -> list:
    """Someone who moved to Asahikawa from abroad three days ago, as the 住基 import would have brought
    them: on the register, a 個人番号, no 基礎年金番号 yet (so the 届書 carries the 個人番号) and no 資格情報."""
    rng = ctx.rng("qualification")
    name = FOREIGN_NAMES[rng.randint(0, len(FOREIGN_NAMES) - 1)]
    moved_in = ctx.as_of - 3 * DAY
    atena_no = f"Q{Resident.objects.count() + 1:07d}"
    resident = Resident.objects.create(
        atena_no=atena_no,
        kana_name=name.kana,
        kanji_name=name.kanji,
        kana_search=normalize_kana(name.kana),
        kanji_search=normalize_kanji(name.kanji),
        birth_date=ctx.as_of.replace(year=ctx.as_of.year - 30) - 40 * DAY,
        sex=name.sex,
        household_no=f"HQ{atena_no[1:]}",
        is_householder=True,
        relationship="世帯主",
        address="旭川市神楽3条7丁目1番地",
        resided_on=moved_in,
        changed_on=moved_in,
        change_reason=ChangeReason.MOVE_IN_FROM_ABROAD,
        nationality=name.nationality,
    )
    PensionRecord.objects.create(resident=resident)
    base = f"9{resident.pk:010d}"
    mynumber_register(resident=resident, number=base + str(mynumber_check_digit(base)))
    return [resident]


def _task(case: Case, user: User):
    task = open_tasks_of_case(process_id=case.process_id).first()
    if task.owner_id != user.pk:
        engine.task_claim(task_id=task.pk, user=user)
    return task


def _drive(case: Case, depth: int, clerk: User, clerk2: User, supervisor: User) -> None:
    if depth >= 1:
        actions.identity_record(task_id=_task(case, clerk).pk, user=clerk, documents=["mynumber_card"])
    if depth >= 2:
        actions.input_save(task_id=_task(case, clerk).pk, user=clerk, data=None)
        case.refresh_from_db()
        for item in case.checklist.filter(required=True):
            checklist_mark(case=case, code=item.code, state="received", actor=clerk)
    if depth >= 4:
        actions.cross_check(task_id=_task(case, clerk2).pk, user=clerk2, matches=True)
        actions.approval(task_id=_task(case, supervisor).pk, user=supervisor, approved=True, reason="デモ")


def _filings(ctx: SeedContext) -> list[tuple[str, list, int, dict]]:
    """(label, candidates, depth, request) for one demo filing of each kind."""
    as_of = ctx.as_of
    with_additional = Q(
        pension__additional__kind=AdditionalKind.ADDITIONAL, pension__additional__left_on=None
    )
    paying = [
        p
        for p in _candidates(ctx, open_kind=InsuredKind.FIRST, ages=(20, 60))
        if Resident.objects.filter(with_additional, pk=p.pk).exists()
    ]
    late = as_of - 30 * DAY  # a 種別変更 filed a month after leaving the job: taken, recorded as late
    return [
        ("種別変更 2号→1号 (期限後)", _candidates(ctx, open_kind=InsuredKind.SECOND, ages=(20, 59)), APPROVED,
         {"kind": "kind_change", "event": "leave_employee_pension", "event_date": late, "late_reason": "届出を失念"}),
        ("種別変更 3号→1号", _candidates(ctx, open_kind=InsuredKind.THIRD, ages=(20, 59)), APPROVED,
         {"kind": "kind_change", "event": "spouse_leaves_employee_pension", "event_date": as_of - 6 * DAY}),
        ("資格喪失 (国外転出)", _candidates(ctx, open_kind=InsuredKind.FIRST, ages=(20, 60)), APPROVED,
         {"kind": "loss", "event": "emigration", "event_date": as_of - 2 * DAY}),
        ("死亡届", _candidates(ctx, open_kind=InsuredKind.FIRST, ages=(20, 60)), APPROVED,
         {"kind": "death", "event": "death", "event_date": as_of - 4 * DAY}),
        ("資格取得 (国外からの転入)", _arrived_from_abroad(ctx), IDENTITY,
         {"kind": "acquisition", "event": "immigration", "event_date": as_of - 3 * DAY}),
        ("任意加入 (60〜64歳)", _candidates(ctx, open_kind=None, ages=(60, 65)), INPUT,
         {"kind": "voluntary", "event": "application", "payment_method": "account"}),
        ("特例高齢任意加入", _candidates(ctx, open_kind=None, ages=(65, 70), born_by=dt.date(1965, 4, 1)), CROSS_CHECK,
         {"kind": "special_elderly", "event": "application", "payment_method": "account"}),
        ("任意加入 脱退", _candidates(ctx, open_kind=InsuredKind.VOLUNTARY, ages=(60, 65)), INPUT,
         {"kind": "voluntary_withdrawal", "event": "withdrawal"}),
        ("付加保険料 納付申出", _candidates(ctx, open_kind=InsuredKind.FIRST, ages=(20, 60)), INPUT,
         {"kind": "additional", "event": "application"}),
        ("付加保険料 納付辞退", paying, IDENTITY, {"kind": "additional_withdrawal", "event": "withdrawal"}),
    ]  # fmt: skip


def _solicit(ctx: SeedContext, clerk: User) -> tuple[QualificationList | None, int]:
    """A 厚生年金保険 資格喪失者一覧 of three people (and one nobody on the register), its 勧奨 cases and letters."""
    people = _candidates(ctx, open_kind=InsuredKind.SECOND, ages=(20, 59))[:3]
    if not people:
        return None, 0
    lost_on = ctx.as_of - 8 * DAY
    lines = [
        f"{p.pension.basic_pension_no},{p.kana_name},{p.birth_date},{lost_on},旭川デモ製作所" for p in people
    ]
    lines.append(f",ミツカラナイ ヒト,1980-01-01,{lost_on},旭川デモ製作所")
    data = ("基礎年金番号,カナ氏名,生年月日,事由発生日,事業所名\n" + "\n".join(lines) + "\n").encode()
    qlist = list_import(
        kind=QualificationList.Kind.EMPLOYEE_PENSION_LOSS,
        filename="demo-kounen-soushitsu.csv",
        data=data,
        by=clerk,
    )
    opened = list_start(
        qlist=qlist,
        by=clerk,
        start=lambda intake: case_start(case_type=CaseType.QUALIFICATION, intake=intake, receipt=False),
    )
    letters_render(list_id=qlist.pk, by=clerk)  # what the job does, here at once
    return qlist, opened


def seed_qualification_cases(ctx: SeedContext) -> None:
    if not ctx.with_cases:
        return
    if Case.objects.filter(case_type=CaseType.QUALIFICATION).exists():
        ctx.notify("資格届出の案件は既にあります。デモ案件の作成を省略します。")
        return
    staff = {user.username: user for user in User.objects.filter(username__in=STAFF)}
    if len(staff) != len(STAFF):
        return
    clerk, clerk2, supervisor = (staff[name] for name in STAFF)
    made = 0
    for label, candidates, depth, request in _filings(ctx):
        for resident in [p for p in candidates if not p.cases.exists()][:TRIES]:
            try:
                with transaction.atomic():
                    case = case_start(
                        case_type=CaseType.QUALIFICATION,
                        intake=lambda resident=resident, request=request: svc.qualification_intake(
                            actor=clerk,
                            resident=resident,
                            received_on=ctx.as_of,
                            request=QualificationRequest(**request),
                        ),
                    )
                    _drive(case, depth, clerk, clerk2, supervisor)
            except ValidationError:
                continue  # e.g. an exemption keeps this person from 付加: the next one
            made += 1
            break
        else:
            ctx.notify(f"資格届出のデモ ({label}) に合う住民がいないため省略します。")
    ctx.count("資格届出 (各種)", "qualification filings", made)
    qlist, opened = _solicit(ctx, clerk)
    if qlist is not None:
        ctx.count("勧奨の案件 (一覧から)", "solicitation cases (from a list)", opened)
        answered = qlist.rows.filter(case__isnull=False).order_by("line_no").first()
        if answered is not None:  # the first person came with the letter
            case = answered.case
            task = _task(case, clerk)
            data = svc.QualificationInput(
                request=QualificationRequest(
                    kind="kind_change", event="leave_employee_pension", event_date=answered.event_date
                )
            )
            actions.type_step(task_id=task.pk, user=clerk, service=svc.qualification_receive, data=data)
    try:
        bundle = bundle_build_off_cycle(by=supervisor, cutoff_at=timezone.now())
    except BundleNothingToSend:
        return
    bundle_seal(bundle=bundle, by=supervisor)
    ctx.count("臨時送付", "off-cycle bundles", 1)
