"""A 機構 form a case is filed on: one row holds its data-file code and its PDF template.

Each case type declares its forms in its spec (`CaseTypeSpec.filing_forms`); the weekly data file,
the 送付書 counts, the 送付一覧表 and the 届書 all read the same row. 機構's own 届書種別 code values
were not available (domain.md §4.2); the codes are this product's, listed in
docs/formats/submission.md.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FilingForm:
    code: str  # 届書種別 in the data file
    label: str  # the form's name as printed on the 受付票, 送付書 and the 届書
    short: str  # its column in the 送付一覧表
    data_label: str  # its name in the data file's manifest and on the bundle screens
    template: str = ""  # the 届書 PDF template ("" when the desk prints none)
