"""Demo staff: one login per role and office, all with the same password, printed for the newcomer."""

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone

from cases.demo.context import Login, SeedContext
from cases.security.models.offices import Office
from cases.security.models.users import User
from cases.security.roles import ROLES_BY_CODE, roles_sync

# Long enough and uncommon enough for the validators in config/settings/base.py.
DEMO_PASSWORD = "Asahikawa-Nenkin-Demo"

_CLERKS = (
    "佐藤　美咲",
    "工藤　大輔",
    "菊地　香織",
    "千葉　拓也",
    "今野　沙織",
    "成田　健太",
    "菅原　麻衣",
    "本間　直樹",
)
_SECOND_CLERKS = (
    "松本　翔",
    "井上　彩",
    "木村　亮介",
    "林　美穂",
    "清水　達也",
    "森田　恵",
    "池田　拓海",
    "橋本　千尋",
)
_SUPERVISORS = (
    "高橋　隆",
    "渡辺　久美子",
    "伊藤　正樹",
    "阿部　明美",
    "小林　秀樹",
    "吉田　智子",
    "山口　康弘",
    "斎藤　陽子",
)


def demo_staff(offices: list[Office]) -> list[tuple[str, str, Office, str]]:
    """(username, role code, office, 氏名) for every demo login."""
    main = next(o for o in offices if o.kind == Office.Kind.MAIN)
    staff = []
    for index, office in enumerate(offices):
        staff.append((f"clerk-{office.code}", "clerk", office, _CLERKS[index % len(_CLERKS)]))
        # 照合 must be done by a second clerk of the same office: without one a 支所's case stopped
        # there for good (exploratory test, 2026-12-05).
        second = _SECOND_CLERKS[index % len(_SECOND_CLERKS)]
        staff.append((f"clerk2-{office.code}", "clerk", office, second))
    for index, office in enumerate(offices):
        staff.append(
            (f"supervisor-{office.code}", "supervisor", office, _SUPERVISORS[index % len(_SUPERVISORS)])
        )
        if office == main:  # 機構's results: one 係長 uploads, another applies (four eyes)
            staff.append((f"supervisor2-{office.code}", "supervisor", office, "森　由美"))
    staff += [
        ("operator", "operator", main, "石井　恭子"),
        ("auditor", "auditor", main, "長谷川　純一"),
        ("admin", "admin", main, "中川　亮"),
        ("admin2", "admin", main, "西村　学"),  # a role grant takes a second administrator's approval
    ]
    return staff


def seed_users(ctx: SeedContext) -> None:
    roles_sync()  # the groups must exist with their permissions before anyone joins them
    offices = list(Office.objects.order_by("sort_order", "code"))
    # The receipts print the counter's number: invented ones (the 0166-00 exchange does not exist), set
    # only where the office has none, so a number an administrator typed stays.
    for n, office in enumerate(offices, start=1):
        if not office.phone:
            office.phone = f"0166-00-{n:04d}"
            office.save(update_fields=["phone"])
    # One hash for every demo account: hashing 20 times with PBKDF2 would take seconds.
    hashed = make_password(DEMO_PASSWORD)
    still_demo: dict[str, bool] = {}
    created = 0
    for username, role_code, office, display_name in demo_staff(offices):
        user = User.objects.filter(username=username).first()
        is_new = user is None
        if is_new:
            user = User(
                username=username, office=office, display_name=display_name, is_staff=role_code == "admin"
            )
        # An existing account is left alone (its password may have been changed on purpose)
        # unless --reset-passwords asks for the demo password back.
        if is_new or ctx.reset_passwords:
            validate_password(DEMO_PASSWORD, user)
            user.password = hashed
            user.password_changed_at = timezone.now()
            user.save()
            user.groups.add(Group.objects.get(name=ROLES_BY_CODE[role_code].group))
            created += is_new
        if user.password not in still_demo:  # checked once per distinct hash, not per user
            still_demo[user.password] = user.password == hashed or check_password(
                DEMO_PASSWORD, user.password
            )
        office_name = user.office.name if user.office else office.name
        role = ROLES_BY_CODE[role_code].group
        ctx.logins.append(
            Login(username, role, office_name, user.display_name, is_new, still_demo[user.password])
        )
    ctx.count("職員 (新規作成)", "staff created", created)
    ctx.count("職員 (既存のまま)", "staff already present", len(ctx.logins) - created)
