"""The 14 days of a filing (則1条の4, 3条, 4条, 6条の2) and of the city's sending to 機構 (則9条), with the
DOUBTs of the 14th day and of a last day on a closed day (rules-disability-qualification.md §3.5)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from cases.common.calendar import is_business_day
from cases.common.dates import last_day_counted
from cases.qualification.rules import LATE, ON_TIME, UNDECIDED, Params

# --- 14 days (則1条の4, 3条, 4条, 6条の2; 則9条) ---------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    status: str  # on_time | late | undecided
    last_day: dt.date
    article: str
    doubt: str = ""
    doubt_code: str = ""  # day14 | closed_day


# Shown to the clerk and kept on the case (rules-disability-qualification.md §3.5 is the developers' note).
DAY14_DOUBT = gettext_noop(
    "14日目の届出です。民法140条 (初日不算入) では期限内、「翌日から14日以内」とする運用では期限後に"
    "なります。市の取扱いを確認してください。"
)


CLOSED_DAY_DOUBT = gettext_noop(
    "届出期限の末日が市の閉庁日 (土日・祝日・年末年始) に当たり、その翌開庁日までに届け出られました。"
    "末日が休日のときは翌開庁日を期限とする規定 (地方自治法4条の2第4項と思われます) が適用されるか要確認です。"
)


def _next_open_day(day: dt.date) -> dt.date:
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day


def filing_deadline_status(*, event_date: dt.date, filed_on: dt.date, params: Params) -> Deadline:
    """「当該事実があつた日から十四日以内」: within 13 days after the fact is on time, more than 14 late; the
    14th day is left to `params.day14_policy` (default: undecided, shown 「要確認」). A last day on a closed
    day of the city with the filing by the next open day is left to `params.closed_day_policy` (地方自治法
    4条の2第4項 is not in the statute texts here: default undecided, 「要確認」). A late filing is still taken
    (the caller records it)."""
    last = last_day_counted(event_date, params.filing_days)
    article = "則1条の4, 3条, 4条, 6条の2 (民法140条)"
    if filed_on < last:
        return Deadline(ON_TIME, last, article)
    if filed_on > last:
        if not is_business_day(last) and filed_on <= _next_open_day(last):
            doubt = CLOSED_DAY_DOUBT if params.closed_day_policy == UNDECIDED else ""
            return Deadline(params.closed_day_policy, last, article, doubt, "closed_day" if doubt else "")
        return Deadline(LATE, last, article)
    doubt = DAY14_DOUBT if params.day14_policy == UNDECIDED else ""
    return Deadline(params.day14_policy, last, article, doubt, "day14" if doubt else "")


def send_due_on(*, received_on: dt.date, params: Params) -> dt.date:
    """則9条: the city sends what it received to 機構 「受理した日から十四日以内」 (民法140条)."""
    return last_day_counted(received_on, params.send_days)
