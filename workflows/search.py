"""案件検索: which cases a 整理番号 typed in any reasonable form means, and the search itself.

A 整理番号 is issued as YYYY-NNNNNN (cases.kernel.services.case_number_next). People type it as it
sounds or as it is printed: 「26」, 「2026-26」, 「２０２６－０００２６」, 「2026000026」.
"""

import re
import unicodedata

from django.db.models import Q, QuerySet

from cases.common.identifiers.kana import normalize_kana, normalize_kanji

# Dashes a Japanese keyboard or a copied form may give (hyphen, minus, long vowel mark, dashes).
_DASHES = re.compile(r"[\-‐‑‒–—―−ｰー－]")
_FIRST_YEAR = 1989  # no case number is older than 平成


def case_number_q(typed: str) -> Q:
    text = _DASHES.sub("-", unicodedata.normalize("NFKC", typed or "")).replace(" ", "").strip("-")
    if not text:
        return Q()
    if match := re.fullmatch(r"(\d{4})-(\d{1,6})", text):
        return Q(number=f"{match[1]}-{int(match[2]):06d}")
    if re.fullmatch(r"\d{10}", text):
        return Q(number=f"{text[:4]}-{text[4:]}")
    if re.fullmatch(r"\d{1,6}", text):
        found = Q(number__endswith=f"-{int(text):06d}")  # the running number, in any year
        if len(text) == 4 and int(text) >= _FIRST_YEAR:
            found |= Q(number__startswith=f"{text}-")  # or every case of that year
        return found
    return Q(number__startswith=text)


def cases_search(cases: QuerySet, data: dict) -> QuerySet:
    """`data`: CaseSearchForm.cleaned_data."""
    if data.get("number"):
        cases = cases.filter(case_number_q(data["number"]))
    if data.get("kana"):
        cases = cases.filter(resident__kana_search__startswith=normalize_kana(data["kana"]))
    if data.get("kanji"):
        # Old and new forms alike (髙 → 高, 﨑 → 崎), as the intake search reads them.
        cases = cases.filter(resident__kanji_search__startswith=normalize_kanji(data["kanji"]))
    if data.get("case_type"):
        cases = cases.filter(case_type=data["case_type"])
    if data.get("stage"):
        cases = cases.filter(stage=data["stage"])
    if data.get("office"):
        cases = cases.filter(office_id=data["office"])
    if data.get("received_from"):
        cases = cases.filter(received_on__gte=data["received_from"])
    if data.get("received_to"):
        cases = cases.filter(received_on__lte=data["received_to"])
    return cases
