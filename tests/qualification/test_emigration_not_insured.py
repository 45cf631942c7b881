"""A 国外転出 of someone not insured is refused: nothing is lost. The refusal cited 「法9条2号かっこ書」,
which excepts the 第2号 (and the 第3号 under 法7条1項3号's exceptions) who leave Japan: it says nothing of
someone who holds no membership. 法9条's lead-in (「第七条の規定による被保険者は、…被保険者の資格を喪失
する」) is what makes loss an event of the insured only, so the refusal cites 法9条."""

import datetime as dt

from tests.qualification.test_rules import dates

D = dt.date


def test_law_9_someone_not_insured_moving_abroad_loses_nothing_citing_article_9():
    result = dates("emigration", before="none", on=D(2026, 3, 31))
    assert (result.action, result.article) == ("none", "法9条")


def test_law_9_2_parenthetical_still_keeps_an_employee_moving_abroad_category2():
    result = dates("emigration", before="category2", on=D(2026, 3, 31))
    assert (result.action, result.article) == ("none", "法9条2号かっこ書")
