"""Reference data every installation has: the offices and the role groups."""

import importlib
import pkgutil

from django.apps import apps as django_apps

from cases.disability.models import DisabilityRuleSet
from cases.exemption.screening.models import ScreeningRuleSet
from cases.qualification.models import QualificationRuleSet
from cases.security.models.offices import Office
from cases.security.roles import ROLES, roles_sync

# The migration holding the current 所得基準 rows (ScreeningRuleSet), every parameter included.
RULE_SETS_MIGRATION = "cases.migrations.0017_i10_statute_rules"

OFFICES = (
    ("honcho", "市民課 (本庁)", Office.Kind.MAIN),
    ("kamui", "神居支所", Office.Kind.BRANCH),
    ("etanbetsu", "江丹別支所", Office.Kind.BRANCH),
    ("nagayama", "永山支所", Office.Kind.BRANCH),
    ("higashiasahikawa", "東旭川支所", Office.Kind.BRANCH),
    ("kagura", "神楽支所", Office.Kind.BRANCH),
    ("nishikagura", "西神楽支所", Office.Kind.BRANCH),
    ("higashitakasu", "東鷹栖支所", Office.Kind.BRANCH),
)


def reference_data_ensure() -> None:
    """Idempotent; also restores what a flushed test database lost."""
    for order, (code, name, kind) in enumerate(OFFICES):
        Office.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "sort_order": order})
    from django.contrib.auth.models import Group

    if Group.objects.filter(name__in=[role.group for role in ROLES]).count() != len(ROLES):
        roles_sync()
    if not ScreeningRuleSet.objects.exists():
        # The rule rows ship in a data migration; reuse the latest rather than keep a second copy.
        seed = importlib.import_module(RULE_SETS_MIGRATION).seed
        seed(django_apps, None)
    if not DisabilityRuleSet.objects.exists():
        _migration("_disability_claims").seed(django_apps, None)
    if not QualificationRuleSet.objects.exists():
        _migration("_qualification").seed(django_apps, None)
        _migration("_special_elderly_reported_born_by").band_add(django_apps, None)


def _migration(ending: str):
    """The data migration whose name ends so (its number changes when branches are merged)."""
    package = importlib.import_module("cases.migrations")
    names = [info.name for info in pkgutil.iter_modules(package.__path__) if info.name.endswith(ending)]
    if len(names) != 1:
        raise LookupError(f"cases/migrations: expected one migration named *{ending}, found {names}")
    return importlib.import_module(f"cases.migrations.{names[0]}")
