"""The papers a qualification filing needs (the kernel keeps their state: cases/kernel/checklist.py)."""

from django.utils.translation import gettext as _

from cases.kernel.checklist import ChecklistEntry
from cases.qualification.models import Event, FilingKind, PaymentMethod


def qualification_checklist(case) -> list[ChecklistEntry]:
    filing = case.qualification
    entries: list[ChecklistEntry] = []
    if filing.event == Event.LEAVE_EMPLOYEE_PENSION:
        # Proof of the 厚生年金 loss date the 種別変更 rests on (則6条の2; domain.md §3.2).
        entries.append(
            ChecklistEntry("loss_proof", _("離職票または資格喪失証明書 (厚生年金の資格喪失日が分かるもの)"))
        )
    elif filing.event == Event.SPOUSE_LEAVES_EMPLOYEE_PENSION:
        entries.append(ChecklistEntry("spouse_loss_proof", _("配偶者の資格喪失証明書または離職票")))
    elif filing.event == Event.DEPENDENT_END:
        entries.append(
            ChecklistEntry(
                "dependent_end_proof", _("被扶養者でなくなったことが分かる書類 (健康保険の資格喪失証明書等)")
            )
        )
    elif filing.event == Event.OLD_AGE_ENTITLED:
        entries.append(
            ChecklistEntry("pension_certificate", _("老齢給付等の年金証書等 (受給権の発生日が分かるもの)"))
        )
    elif filing.event == Event.IMMIGRATION:
        entries.append(ChecklistEntry("entry_proof", _("旅券等 (入国日が分かるもの)"), required=False))
    elif filing.kind == FilingKind.DEATH:
        entries.append(
            ChecklistEntry("death_proof", _("死亡の事実が分かる書類 (死亡診断書の写し等)"), required=False)
        )
    if filing.kind in (FilingKind.VOLUNTARY, FilingKind.SPECIAL_ELDERLY):
        if filing.payment_method == PaymentMethod.ACCOUNT:
            # 附則5条2項 / 平16法附則23条2項: the 口座振替 request comes with the 申出.
            entries.append(ChecklistEntry("account_transfer", _("国民年金保険料口座振替納付申出書")))
        entries.append(
            ChecklistEntry(
                "periods_proof", _("年金加入期間の分かる書類 (共済組合の期間等がある場合)"), required=False
            )
        )
    if filing.kind == FilingKind.ADDITIONAL_WITHDRAWAL and filing.paid_through:
        entries.append(
            ChecklistEntry("paid_proof", _("納付済・前納済の付加保険料が分かる書類"), required=False)
        )
    # 則1条の4第3項1号, 則3条, 則6条の2第3項1号: with the 基礎年金番号 written on the form.
    entries.append(
        ChecklistEntry(
            "pension_notice", _("基礎年金番号通知書等 (基礎年金番号を記載する場合)"), required=False
        )
    )
    return entries
