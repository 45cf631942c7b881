"""The role matrix: which Django group holds which permissions. The single source of truth.

Groups are rebuilt from this table after every `migrate` (and by `manage.py sync_roles`), so a
permission added in code reaches exactly the roles listed here and no others.

A group is named in Japanese (`group`, stored); screens name a role by its `label`, in the reader's
language (the admin's role boxes, filter and grants, the access log's role events).
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Role:
    code: str
    group: str
    permissions: tuple[str, ...]
    label: Promise  # the group's name as a message id (context 役割), shown in the reader's language


_RECORDS_READ = (
    "cases.view_resident",
    "cases.view_residenthistory",
    "cases.view_pensionrecord",
    "cases.view_qualification",
    "cases.view_additionalpension",
    "cases.view_exemption",
    "cases.view_incomerecord",
)

_CASE_WORK = (
    "cases.view_case",
    "cases.view_caseevent",
    "cases.view_exemptionapplication",
    "cases.take_intake",
    "cases.verify_identity",
    "cases.enter_data",
    "cases.cross_check",
)
_INQUIRIES = ("cases.view_inquiry", "cases.add_inquiry", "cases.change_inquiry")
_SUBMISSION_READ = (
    "cases.view_submissionbundle",
    "cases.view_bundleitem",
    "cases.view_resultimport",
    "cases.view_resultline",
    "cases.view_discrepancy",
    "documents.view_document",
    "documents.download_document",
)
CLERK = Role(
    "clerk",
    "窓口担当",
    (
        *_RECORDS_READ,
        *_CASE_WORK,
        *_SUBMISSION_READ,
        "cases.use_mynumber",
        "cases.screen_exemption",
        # Not cases.import_results: applying 機構's results is a 係長's act in two steps (issue 11 H1).
        "cases.change_discrepancy",
        "cases.request_transfer",
        "cases.view_registrytransfer",
        *_INQUIRIES,
        "cases.lookup_resident",
        "cases.handle_request",
    ),
    pgettext_lazy("役割", "窓口担当"),
)
SUPERVISOR = Role(
    "supervisor",
    "係長",
    (
        *_RECORDS_READ,
        "cases.view_case",
        "cases.view_caseevent",
        "cases.view_exemptionapplication",
        "cases.approve_case",
        "cases.reassign_task",
        "cases.view_all_offices",
        "cases.use_mynumber",
        "cases.screen_exemption",
        *_SUBMISSION_READ,
        "cases.seal_bundle",
        "cases.download_bundle",
        "cases.import_results",
        "cases.change_discrepancy",
        "cases.view_registrytransfer",
        "cases.approve_transfer",
        *_INQUIRIES,
        "cases.lookup_resident",
    ),
    pgettext_lazy("役割", "係長"),
)
# 委託先: report output only (帳票出力); never 個人番号, never case work.
OPERATOR = Role(
    "operator",
    "委託先オペレーター",
    ("documents.view_document", "documents.output_reports"),
    pgettext_lazy("役割", "委託先オペレーター"),
)
AUDITOR = Role(
    "auditor",
    "監査",
    (
        *_RECORDS_READ,
        "cases.view_case",
        "cases.view_caseevent",
        "cases.view_exemptionapplication",
        "cases.view_all_offices",
        "cases.view_importbatch",
        "cases.view_audit_log",
        "cases.view_inquiry",
    ),
    pgettext_lazy("役割", "監査"),
)
ADMIN = Role(
    "admin",
    "システム管理者",
    (
        "cases.import_records",
        "cases.view_importbatch",
        "cases.view_user",
        "cases.add_user",
        "cases.change_user",
        "cases.view_office",
        "cases.change_office",
        # The lockout's record, to unlock a source address from the admin (LoginAttemptAdmin).
        "cases.view_loginattempt",
        # Roles are asked for in the user form and approved here by a second administrator.
        "cases.view_rolegrant",
        "cases.approve_rolegrant",
        "django_celery_beat.view_periodictask",
        "django_celery_beat.change_periodictask",
        "django_celery_beat.view_crontabschedule",
        "django_celery_beat.change_crontabschedule",
        "django_celery_beat.add_crontabschedule",
    ),
    pgettext_lazy("役割", "システム管理者"),
)

ROLES: tuple[Role, ...] = (CLERK, SUPERVISOR, OPERATOR, AUDITOR, ADMIN)
ROLES_BY_CODE = {role.code: role for role in ROLES}
ROLES_BY_GROUP = {role.group: role for role in ROLES}


def role_group_label(group: str) -> str:
    """A group's name (as the access log keeps it) in the reader's language; a group not in the
    table as it is."""
    role = ROLES_BY_GROUP.get(group)
    return str(role.label) if role else group


def roles_sync(*, apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    for role in ROLES:
        wanted = []
        for dotted in role.permissions:
            app_label, codename = dotted.split(".", 1)
            perm = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if perm is None:
                raise LookupError(f"role {role.code}: permission {dotted} does not exist")
            wanted.append(perm)
        group, _ = Group.objects.using(using).get_or_create(name=role.group)
        group.permissions.set(wanted)


def roles_sync_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    roles_sync(using=using)


# Roles whose reach is the member's office (what a 窓口担当 acts on, whether a 係長 acts for every office,
# what a 委託先 prints): an office change takes them away, to be asked for again (cases/admin/user_changes.py).
OFFICE_BOUND = frozenset({CLERK.code, SUPERVISOR.code, OPERATOR.code})


def user_roles(user) -> set[str]:
    names = {group.name for group in user.groups.all()}
    return {role.code for role in ROLES if role.group in names}
