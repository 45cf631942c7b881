"""The load test's people and backlog, written through the same services the screens use.

    DJANGO_SETTINGS_MODULE=config.settings.load python bench/load/seed.py --users-file F [--clerks 200]
        [--supervisors 20] [--cases 3000]

Run by bench/load/run.py after `migrate` and `seed_demo` (offices, residents, income, the demo's few
cases). Makes the load users — clerks and 係長 spread over the offices so that any first N of them are
spread alike — each with the run's password; every 係長 gets a TOTP device (production requires one
of them), its secret written with the password to --users-file (mode 600) for the locust users. Then
a backlog of exemption cases taken at the counter by those clerks and carried by the real step calls
(workflows.demo_exemption's) to 本人確認 (the receiving clerk's inbox), 入力 (the same inbox), 照合 (the office
queue) and 決裁 (the 係長's queue).
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

# Any first N clerks share out like the whole: four in ten at the 本庁, the rest at the larger 支所.
CLERK_OFFICES = ["honcho", "honcho", "kamui", "honcho", "nagayama", "higashiasahikawa", "honcho", "kagura",
                 "higashitakasu", "nishikagura"]  # fmt: skip
# Two in five 係長 at the 本庁 (they act city-wide, so every office's 決裁 has someone to take it).
SUPERVISOR_OFFICES = ["honcho", "kamui", "honcho", "nagayama", "higashiasahikawa"]
# (stage reached, share of the backlog, steps done after the intake: 本人確認, 入力, 照合)
BACKLOG_MIX = [("本人確認", 0.20, 0), ("入力", 0.25, 1), ("照合", 0.30, 2), ("決裁", 0.25, 3)]
SEED = 20261203


def clerk_name(index: int) -> str:
    return f"load-clerk-{index:03d}"


def supervisor_name(index: int) -> str:
    return f"load-super-{index:02d}"


def users_create(*, clerks: int, supervisors: int, password: str) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.contrib.auth.password_validation import validate_password
    from django.utils import timezone

    from cases.security.models.offices import Office
    from cases.security.models.users import User
    from cases.security.roles import ROLES_BY_CODE
    from cases.security.totp import totp_enable, totp_secret_new

    offices = {office.code: office for office in Office.objects.all()}
    validate_password(password)
    hashed = make_password(password)  # one PBKDF2 run for every account, as seed_demo does
    wanted = [(clerk_name(i), "clerk", CLERK_OFFICES[i % len(CLERK_OFFICES)]) for i in range(clerks)]
    wanted += [
        (supervisor_name(i), "supervisor", SUPERVISOR_OFFICES[i % len(SUPERVISOR_OFFICES)])
        for i in range(supervisors)
    ]
    accounts: dict[str, dict] = {"password": password, "clerks": [], "supervisors": []}
    for username, role, office_code in wanted:
        user = User.objects.create(
            username=username,
            office=offices[office_code],
            display_name=username,
            password=hashed,
            password_changed_at=timezone.now(),
        )
        user.groups.add(Group.objects.get(name=ROLES_BY_CODE[role].group))
        entry = {"username": username, "office": office_code}
        if role == "supervisor":
            secret = totp_secret_new()
            totp_enable(user=user, secret=secret)
            entry["totp_secret"] = secret
        accounts["clerks" if role == "clerk" else "supervisors"].append(entry)
    return accounts


def backlog_create(*, cases: int, clerks: int) -> dict[str, int]:
    """`cases` exemption cases over the stages of BACKLOG_MIX; returns how many reached each."""
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils import timezone

    from cases.security.models.users import User
    from workflows.demo_exemption import KIND_CHOICES, demo_applicants, demo_intake, demo_steps

    rng = random.Random(SEED)
    staff = list(
        User.objects.filter(username__in=[clerk_name(i) for i in range(clerks)]).order_by("username")
    )
    by_office: dict[int, list] = {}
    for user in staff:
        by_office.setdefault(user.office_id, []).append(user)
    today = timezone.localdate()
    applicants = demo_applicants(cases, today)
    rng.shuffle(applicants)
    plan = [label for label, share, _depth in BACKLOG_MIX for _ in range(round(cases * share))]
    depth_of = {label: depth for label, _share, depth in BACKLOG_MIX}
    made = dict.fromkeys(depth_of, 0)
    for label in plan:
        clerk = rng.choice(staff)
        # 照合 is always another clerk of the same office (separation of duties).
        clerk2 = rng.choice([u for u in by_office[clerk.office_id] if u.pk != clerk.pk])
        steps = demo_steps(clerk, clerk2, None)
        while applicants:
            resident = applicants.pop()
            try:
                with transaction.atomic():
                    case = demo_intake(clerk, resident, rng.choice(KIND_CHOICES), today)
                    for step in steps[: depth_of[label]]:
                        case.refresh_from_db()
                        step(case)
            except ValidationError:
                continue  # the intake refuses this resident (age, 任意加入, …): the next one
            made[label] += 1
            break
    return made


def pool_create(*, size: int) -> dict:
    """Residents for the intakes during the run (no case yet, accepted by the real intake: each is
    tried in a savepoint that is rolled back), and the address each applicant writes on the paper."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from cases.kernel.models import Case
    from cases.registry.models.residents import Resident
    from cases.security.models.users import User
    from workflows.demo_exemption import demo_applicants, demo_intake, demo_period

    class _Rollback(Exception):
        pass

    clerk = User.objects.get(username=clerk_name(0))
    start, end = demo_period(timezone_today())
    pool = []
    for resident in demo_applicants(size, timezone_today()):
        try:
            with transaction.atomic():
                demo_intake(clerk, resident, ["full", "half"], timezone_today())
                raise _Rollback
        except ValidationError:
            continue
        except _Rollback:
            pass
        pool.append({"id": resident.pk, "kana": resident.kana_name, "kanji": resident.kanji_name,
                     "birth_date": resident.birth_date.isoformat(), "period": [f"{start:%Y-%m}", f"{end:%Y-%m}"]})  # fmt: skip
        if len(pool) == size:
            break
    applicants = Resident.objects.filter(pk__in=Case.objects.values("resident_id")).values_list(
        "atena_no", "address"
    )
    addresses = dict(applicants)
    addresses.update(
        Resident.objects.filter(pk__in=[p["id"] for p in pool]).values_list("atena_no", "address")
    )
    return {"pool": pool, "addresses": addresses}


def timezone_today():
    from django.utils import timezone

    return timezone.localdate()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users-file", required=True, type=Path)
    parser.add_argument("--clerks", type=int, default=200)
    parser.add_argument("--supervisors", type=int, default=20)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--pool", type=int, default=900, help="residents kept for intakes during the run")
    args = parser.parse_args()
    import django

    django.setup()
    started = time.perf_counter()
    password = os.environ["NENKIN_LOAD_PASSWORD"]
    accounts = users_create(clerks=args.clerks, supervisors=args.supervisors, password=password)
    made = backlog_create(cases=args.cases, clerks=args.clerks)
    accounts.update(pool_create(size=args.pool))
    args.users_file.touch(mode=0o600)
    args.users_file.write_text(json.dumps(accounts, ensure_ascii=False), encoding="utf-8")
    summary = ", ".join(f"{label} {count}" for label, count in made.items())
    print(
        f"load users: {args.clerks} clerks, {args.supervisors} 係長 (TOTP); backlog {sum(made.values())} cases "
        f"({summary}), {len(accounts['pool'])} residents kept for intakes, in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
