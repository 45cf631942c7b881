"""What a bundle's hand-over records beside the 送付日: the 媒体 and who at 機構 (年金事務所) received it.

The PIA's 提供方法 (II-5 提供 ⑥) are 「電子記録媒体（フラッシュメモリを除く。）」 and 「紙」: a medium not on
SubmissionBundle.Medium (a USB flash memory) is refused here as well as by the form, so a hand-made POST
or a command cannot record one.
"""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.common.freetext import validate_no_mynumber
from cases.submission.bundle_common import BundleError
from cases.submission.models import SubmissionBundle

# The access log's 「利用目的・理由」 column; kept in Japanese, as the log keeps its purposes.
HAND_OVER_SAID = _lazy("媒体: %(medium)s / 受領者: %(received_by)s")


def hand_over_check(medium: str, received_by: str) -> str:
    """The receiver as recorded (trimmed); BundleError naming the field when either is wrong."""
    if medium not in SubmissionBundle.Medium.values:
        raise BundleError(
            _(
                "媒体を選んでください。PIA の提供方法は電子記録媒体 (フラッシュメモリを除く) と紙のため、"
                "USBメモリなどのフラッシュメモリは使えません。"
            )
        )
    received_by = (received_by or "").strip()
    if not received_by:
        raise BundleError(_("受領者を入力してください。"))
    if len(received_by) > 60:
        raise BundleError(_("受領者は60文字以内で入力してください。"))
    try:
        validate_no_mynumber(received_by)
    except ValidationError as exc:  # as a BundleError, which the screens show
        raise BundleError(" ".join(exc.messages)) from exc
    return received_by


def hand_over_said(medium_label, received_by: str) -> str:
    with translation.override(None):
        return str(HAND_OVER_SAID) % {"medium": str(medium_label), "received_by": received_by}
