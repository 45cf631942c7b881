"""The counter (窓口): who came and which identity documents were shown, for every case type.

番号法16条 and its 施行規則1条: a 個人番号カード proves both the number and the person; otherwise one
document showing the number and one photo identity document are needed.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.kernel.models import Case, CounterRecord, Requester


class IdentityDocument(models.TextChoices):
    """本人確認書類 (番号法16条, 施行規則1条)."""

    MYNUMBER_CARD = "mynumber_card", gettext_lazy("マイナンバーカード")
    NOTIFICATION_CARD = "notification_card", gettext_lazy("通知カード (記載事項に変更がないもの)")
    RESIDENT_CERTIFICATE = "resident_certificate", gettext_lazy("個人番号付き住民票の写し")
    DRIVERS_LICENCE = "drivers_licence", gettext_lazy("運転免許証")
    PASSPORT = "passport", gettext_lazy("パスポート")
    RESIDENCE_CARD = "residence_card", gettext_lazy("在留カード")
    DISABILITY_BOOK = "disability_book", gettext_lazy("身体障害者手帳")
    PENSION_NOTICE = "pension_notice", gettext_lazy("基礎年金番号通知書・年金手帳")
    OTHER = "other", gettext_lazy("その他")


# A My Number card proves number and identity alone; otherwise one of each group is needed.
NUMBER_DOCUMENTS = frozenset({"mynumber_card", "notification_card", "resident_certificate"})
PHOTO_ID_DOCUMENTS = frozenset(
    {"mynumber_card", "drivers_licence", "passport", "residence_card", "disability_book"}
)


def identity_is_verified(documents: list[str]) -> bool:
    """番号法16条: a My Number card alone, or a number document plus a photo ID."""
    docs = set(documents)
    if IdentityDocument.MYNUMBER_CARD in docs:
        return True
    return bool(docs & NUMBER_DOCUMENTS) and bool(
        docs & (PHOTO_ID_DOCUMENTS - {IdentityDocument.MYNUMBER_CARD})
    )


def identity_documents_labels(documents: list[str]) -> list[str]:
    """Their labels in the installation's language, which are their message ids: stored in a timeline
    text (cases/common/texts.py "labels") and translated when shown."""
    with translation.override(settings.LANGUAGE_CODE):
        return [str(IdentityDocument(d).label) for d in documents]


def identity_documents_label(documents: list[str]) -> str:
    """For the timeline, which keeps the installation's language whatever the screen's."""
    with translation.override(settings.LANGUAGE_CODE):
        return "・".join(str(IdentityDocument(d).label) for d in documents) or "提示なし"


def identity_documents_validate(documents: list[str], field: str = "documents") -> None:
    if set(documents) - set(IdentityDocument.values):
        raise ValidationError({field: _("本人確認書類の指定が正しくありません。")})


@dataclass
class Counter:
    """Who came to the counter, as taken on an intake or input screen."""

    requester: str = Requester.SELF
    agent_name: str = ""
    agent_relationship: str = ""
    power_of_attorney: bool = False

    @classmethod
    def from_agent(cls, *, agent_name: str = "", agent_relationship: str = "", power_of_attorney=False):
        """Forms that only ask for the 代理人: anyone named makes it a 代理人's visit."""
        agent = bool(agent_name.strip() or agent_relationship.strip())
        return cls(
            requester=Requester.AGENT if agent else Requester.SELF,
            agent_name=agent_name,
            agent_relationship=agent_relationship,
            power_of_attorney=bool(power_of_attorney),
        )

    @property
    def is_agent(self) -> bool:
        return self.requester == Requester.AGENT


def counter_record_save(*, case: Case, counter: Counter) -> None:
    """Who came to the counter. A 代理人 is recorded with name and relationship; 本人 with neither.

    Corrected at 入力, first written at 受付: TimeStampedModel.row_put, the case being locked or new."""
    agent = counter.is_agent
    values = {
        "requester": counter.requester,
        "agent_name": counter.agent_name.strip() if agent else "",
        "agent_relationship": counter.agent_relationship.strip() if agent else "",
        "power_of_attorney": counter.power_of_attorney if agent else False,
    }
    CounterRecord.row_put(key={"case": case}, values=values)


def counter_identity_save(*, case: Case, documents: list[str], note: str = "") -> CounterRecord:
    identity_documents_validate(documents)
    record, __ = CounterRecord.objects.get_or_create(case=case)
    record.identity_documents, record.identity_note = list(documents), note
    record.save(update_fields=["identity_documents", "identity_note", "updated_at"])
    return record
