import datetime as dt

import factory

from cases.identifiers.kana import normalize_kana, normalize_kanji
from cases.models import IncomeRecord, PensionRecord, Resident


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    atena_no = factory.Sequence(lambda n: f"A{n:07d}")
    kana_name = "アサヒ タロウ"
    kanji_name = "旭 太郎"
    kana_search = factory.LazyAttribute(lambda o: normalize_kana(o.kana_name))
    kanji_search = factory.LazyAttribute(lambda o: normalize_kanji(o.kanji_name))
    birth_date = dt.date(1995, 6, 15)
    sex = "1"
    household_no = factory.Sequence(lambda n: f"H{n:07d}")
    is_householder = True
    relationship = "世帯主"
    address = "旭川市7条通9丁目48番地"


class PensionRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PensionRecord

    resident = factory.SubFactory(ResidentFactory)
    basic_pension_no = factory.Sequence(lambda n: f"{4000000000 + n}")


class IncomeRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomeRecord

    personal_code = "A0000000"
    tax_year = 2026
    total_income = 500000
    social_insurance_deduction = 80000


def applicant_with_household(
    *, income: int = 500000, spouse_income: int | None = 300000, tax_year: int = 2026
):
    """A householder applicant with a wife in the same household and income for `tax_year`."""
    pension = PensionRecordFactory()
    applicant = pension.resident
    IncomeRecordFactory(personal_code=applicant.atena_no, tax_year=tax_year, total_income=income)
    spouse = None
    if spouse_income is not None:
        spouse = ResidentFactory(
            household_no=applicant.household_no,
            is_householder=False,
            relationship="妻",
            kana_name="アサヒ ハナコ",
            kanji_name="旭 花子",
            sex="2",
            birth_date=dt.date(1996, 3, 3),
        )
        IncomeRecordFactory(personal_code=spouse.atena_no, tax_year=tax_year, total_income=spouse_income)
    return applicant, spouse
