"""A calendar year as screens name it (cases/common/date_display.py year_show): the admin's drill-down
by year. A year in which an era began belongs to both eras."""

from django.utils import translation

from cases.common.date_display import year_show


def test_a_year_is_named_by_its_era():
    assert year_show(2026) == "令和8年"
    with translation.override("en"):
        assert year_show(2026) == "2026 (R8)"


def test_the_year_an_era_began_names_both():
    assert year_show(2019) == "平成31年・令和元年"
    assert year_show(1989) == "昭和64年・平成元年"
    with translation.override("en"):
        assert year_show(2019) == "2019 (H31/R1)"
