"""What a membership rule answers (Dated: the action, its day, the article), and the answers for no
change, among them why a person does not become 第1号 (法7条1項1号). Used by rules/membership.py and
rules/residence.py."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop

from cases.qualification.rules.common import (
    CATEGORY1,
    CATEGORY2,
    CATEGORY3,
    NO_CHANGE,
    SPECIAL_ELDERLY,
    VOLUNTARY,
)


@dataclass(frozen=True)
class Dated:
    action: str  # acquire | lose | change | none
    date: dt.date | None = None
    to: str | None = None  # category1 | category2 | category3 | voluntary (for acquire and change)
    city_filing: bool = False  # the person files it at the city (則1条の4, 3条, 4条, 6条の2)
    article: str = ""
    note: str = ""
    doubt: str = ""  # a message id with %(name)s values (doubt_params): 「要確認」
    doubt_params: dict[str, Any] = field(default_factory=dict)


def no_change(article: str, note: str = "") -> Dated:
    return Dated(NO_CHANGE, article=article, note=note)


# Why a person does not become 第1号 (法7条1項1号), the first that applies to them: the refusal named all
# the conditions at once, so someone already 第1号 read as if too old or abroad.
NOT_CATEGORY1 = {
    CATEGORY1: gettext_noop("資格情報では既に第1号被保険者です (新たな取得はありません)。"),
    CATEGORY2: gettext_noop("資格情報では第2号被保険者です。第2号の間は第1号になりません。"),
    CATEGORY3: gettext_noop("資格情報では第3号被保険者です。第3号の間は第1号になりません。"),
    VOLUNTARY: gettext_noop("資格情報では任意加入被保険者です (第1号の取得はありません)。"),
    SPECIAL_ELDERLY: gettext_noop("資格情報では特例高齢任意加入被保険者です。第1号にはなりません。"),
}
NOT_RESIDENT = gettext_noop("日本国内に住所のない方は第1号になりません (任意加入は別の申出です)。")
ENTITLED = gettext_noop("老齢給付等の受給権者は第1号になりません (適用除外)。")
NOT_OF_AGE = gettext_noop("20歳以上60歳未満の方だけが第1号になります。")


def not_category1(before: str, *, resident: bool, entitled: bool) -> Dated:
    note = NOT_CATEGORY1.get(before) or (
        NOT_RESIDENT if not resident else ENTITLED if entitled else NOT_OF_AGE
    )
    return no_change("法7条1項1号", note)
