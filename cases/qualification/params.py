"""Which QualificationRuleSet row applies on a day. The rows ship in migration 0020_i13_qualification (its ROWS)."""

import datetime as dt

from django.utils.translation import gettext as _

from cases.qualification.models import QualificationRuleSet
from cases.qualification.rules import Params


class QualificationParamsMissing(LookupError):
    pass


def qualification_params(*, on: dt.date) -> Params:
    row = QualificationRuleSet.objects.filter(valid_from__lte=on).order_by("-valid_from").first()
    if row is None:
        raise QualificationParamsMissing(
            _(
                "%(day)s に適用できる資格届出の参照データがありません。"
                "参照データ (QualificationRuleSet) の適用開始日を確認してください。"
            )
            % {"day": on.isoformat()}
        )
    return Params.from_mapping(row.params)
