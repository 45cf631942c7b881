"""A 機構 form a case is filed on: one row holds its data-file code and its PDF template.

Each case type declares its forms in its spec (`CaseTypeSpec.filing_forms`); the weekly data file,
the 送付書 counts, the 送付一覧表 and the 届書 all read the same row. 機構's own 届書種別 code values
were not available (domain.md §4.2); the codes are this product's, listed in
docs/formats/submission.md.
"""

from dataclasses import dataclass

from django.utils.functional import Promise

# The context of a form's gloss in the catalogues: its message id is 機構's official title, its English
# says what the form is. The title itself is never translated (below). Written out at each
# pgettext_lazy: makemessages reads only a literal context.
FORM_GLOSS_CONTEXT = "機構の様式名"


@dataclass(frozen=True)
class FilingForm:
    code: str  # 届書種別 in the data file
    label: str  # the form's name as printed on the 受付票, 送付書 and the 届書
    short: str  # its column in the 送付一覧表
    data_label: str  # its name in the data file's manifest and on the bundle screens
    template: str = ""  # the 届書 PDF template ("" when the desk prints none)
    # pgettext_lazy("機構の様式名", <data_label>): what the form is, in the reader's language.
    gloss: Promise | str = ""

    @property
    def gloss_shown(self) -> str:
        """The gloss beside the official title on a screen in another language ("" on a Japanese one,
        where it is the title). The title stays as 機構 prints it: it is the name on the paper the
        clerk holds and the one 機構 answers about; the gloss only says what it means."""
        gloss = str(self.gloss)
        return "" if gloss == self.data_label else gloss
