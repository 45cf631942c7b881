"""開示・訂正・利用停止請求 registered with the kernel: three types, one application row and one flow
(受付 → 対応 → 決裁 → 回答). They are answered by the city; nothing goes to 機構."""

from django.utils.translation import gettext_lazy as _

from cases.kernel import duties
from cases.kernel.casetypes import casetype_register
from cases.kernel.models import CaseType
from cases.kernel.stages import REQUEST_STAGES, Stage
from cases.kernel.typespec import CaseTypeSpec, Intake, ReceiptWording
from cases.requests.services import request_approved


def _disclosure_report(case) -> tuple[str, ...]:
    return ("disclosure",)


REQUEST_DECISION_DAYS = 30


def _receipt_wording(decided: str) -> ReceiptWording:
    """The requester's 受付票 (Japanese, as printed): the city decides within the 決定期限 it shows and
    notifies the decision in writing (個人情報保護法83条1項・94条1項・102条1項), a period that may be extended
    once by up to 30 days, in writing too (83条2項・94条2項・102条2項; cases/requests/deadline.py)."""
    return ReceiptWording(
        received_label="請求の種類",
        outcome=(
            f"{decided}を決定し、上記の決定期限までに書面でお知らせします。正当な理由があるときは、"
            "期限を30日以内に限り延長することがあり、その場合は延長後の期限と理由を書面でお知らせします。"
        ),
        notice=(
            "この受付票は請求を受け付けたことを示すもので、請求に応じるかどうかの決定を示すものでは"
            "ありません。決定の通知が届くまで大切に保管してください。"
        ),
    )


def _request_spec(code: str, label, decided: str, **extra) -> CaseTypeSpec:
    return casetype_register(
        CaseTypeSpec(
            code=code,
            label=label,
            person_label=_("請求者"),
            intakes=(
                Intake(
                    "intake_request", _("開示・訂正・利用停止の請求を受け付ける"), when="always", order=90
                ),
            ),
            stages=REQUEST_STAGES,
            application="resident_request",
            receipt_wording=_receipt_wording(decided),
            approved=request_approved,
            send_back_stage=Stage.RESPONSE,
            approved_stage=Stage.ANSWER,
            # The handler is recorded as the case's inputter, so the 決裁 duty keeps them off it.
            duty_refusals={duties.APPROVAL: _("対応した職員は同じ請求を決裁できません。")},
            # 個人情報保護法 83条1項 (開示), 94条1項 (訂正), 102条1項 (利用停止): 「請求があった日から三十日以内」.
            decision_days=REQUEST_DECISION_DAYS,
            **extra,
        )
    )


DISCLOSURE = _request_spec(
    CaseType.DISCLOSURE, _("開示請求"), "開示するかどうか", other_documents=_disclosure_report
)
CORRECTION = _request_spec(CaseType.CORRECTION, _("訂正請求"), "訂正するかどうか")
SUSPENSION = _request_spec(CaseType.SUSPENSION, _("利用停止請求"), "利用停止をするかどうか")
