"""The 入力 screen's warnings on an exemption case (the 照合 and 決裁 screens get them from the
pre-screen result, cases/exemption/screening/case.py)."""

from django import template

from cases.exemption.warnings import CaseOutlook, case_outlook

register = template.Library()


@register.simple_tag
def exemption_outlook(case) -> CaseOutlook | None:
    return case_outlook(case) if getattr(case, "exemption", None) is not None else None
