"""Which `DisabilityRuleSet` row applies on a day (the rules themselves never read the database)."""

import datetime as dt

from django.utils.translation import gettext as _

from cases.disability.models import DisabilityRuleSet
from cases.disability.params import Params


class DisabilityParamsMissing(LookupError):
    pass


def disability_params_for(*, on: dt.date) -> Params:
    row = DisabilityRuleSet.objects.filter(valid_from__lte=on).order_by("-valid_from").first()
    if row is None:
        raise DisabilityParamsMissing(
            _(
                "%(day)s に適用できる障害基礎年金の基準がありません。"
                "基準 (DisabilityRuleSet) の適用開始日を確認してください。"
            )
            % {"day": on.isoformat()}
        )
    return Params.from_mapping(row.params, valid_from=row.valid_from)
