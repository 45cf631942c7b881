"""The months applied for against the 卒業予定年月 given on the same application.

法90条の3第1項: the 指定する期間 is 「学生等である期間又は学生等であつた期間に限る」. A month after the
graduation month the applicant states is no student's month, so a 学生年度 asked for past it asks for
months the article cannot cover; the graduation month itself is still a student's (the status holds until
the graduation day). Refused, as the 20歳・60歳 months are (cases/exemption/ages.py): the two entries of
one form contradict each other, and the clerk corrects whichever is wrong (a 留年 moves the graduation
month, not the period).

The other side of the same line: 申請免除 and 納付猶予 leave out 「学生等である期間若しくは学生等であつた期間」
(法90条1項, 90条の2各項, 平成16年法律第104号附則19条2項, 平成26年法律第64号附則14条1項), so a non-student's
application reaching back to the graduation month asks for months only 学生納付特例 can cover.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.date_display import month_in_text
from cases.common.dates import month_start


def graduation_validate(*, start: dt.date, end: dt.date, graduation: dt.date | None) -> None:
    """Raises ValidationError by field when months of `start`–`end` fall after `graduation`."""
    if graduation is None:
        return
    graduation = month_start(graduation)
    if graduation < start:
        raise ValidationError(
            {
                "graduation_month": _(
                    "卒業予定年月 (%(month)s) が開始月より前のため、申請期間に学生等である月がありません。"
                    "学生納付特例は学生等である期間に限られます (国民年金法90条の3第1項)。"
                )
                % {"month": month_in_text(graduation)}
            }
        )
    if graduation < end:
        raise ValidationError(
            {
                "period_end": _(
                    "終了月は卒業予定年月 (%(month)s) までにしてください。卒業後の月は学生納付特例の対象外です "
                    "(国民年金法90条の3第1項)。"
                )
                % {"month": month_in_text(graduation)}
            }
        )


def former_student_validate(*, start: dt.date, graduation: dt.date | None) -> None:
    """Raises ValidationError on `period_start` when a non-student's months begin on or before `graduation`."""
    if graduation is None or month_start(graduation) < start:
        return
    raise ValidationError(
        {
            "period_start": _(
                "開始月は卒業予定年月 (%(month)s) の翌月以降にしてください。学生等である期間・学生等であった期間は"
                "申請免除・納付猶予の対象外で、学生納付特例の対象です (国民年金法90条1項・90条の2、"
                "平成16年法律第104号附則19条2項・平成26年法律第64号附則14条1項)。"
            )
            % {"month": month_in_text(month_start(graduation))}
        }
    )
