"""The stage model every case type shares (product.md §3), and the moves between stages it allows.

`case_transition` refuses any move that is not in `TRANSITIONS`, and any stage the case's type does
not use (`CaseTypeSpec.stages`). The table is the whole graph; a type picks the part it walks.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    INTAKE = "intake", _("受付")
    IDENTITY = "identity", _("本人確認")
    AWAITING_DOCUMENTS = "awaiting_documents", _("書類不備")
    INPUT = "input", _("入力")
    CROSS_CHECK = "cross_check", _("照合")
    APPROVAL = "approval", _("決裁")
    # Resident requests (開示・訂正・利用停止): 対応 → 決裁 → 回答 → 完了.
    RESPONSE = "response", _("対応")
    ANSWER = "answer", _("回答")
    READY_TO_SEND = "ready_to_send", _("送付待ち")
    SENT = "sent", _("送付済")
    RESULT_RECEIVED = "result_received", _("結果受領")
    CLOSED = "closed", _("完了")
    WITHDRAWN = "withdrawn", _("取下げ")


FINAL_STAGES = frozenset({Stage.CLOSED, Stage.WITHDRAWN})
# The stages in which a case may still wait for the weekly bundle (and be late for its 送付期限, 則9条).
# Case.Meta indexes the 送付期限 of these cases alone: a query that asks for them uses it.
BEFORE_SENDING = (
    Stage.INTAKE,
    Stage.IDENTITY,
    Stage.AWAITING_DOCUMENTS,
    Stage.INPUT,
    Stage.CROSS_CHECK,
    Stage.APPROVAL,
    Stage.READY_TO_SEND,
)
OPEN_STAGES = frozenset(Stage) - FINAL_STAGES - {Stage.RESULT_RECEIVED}

# from → the stages a case may move to. 取下げ is possible until the case is sent to 機構.
_WITHDRAW = {Stage.WITHDRAWN}
TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    # 受付 → 完了: settled at the counter, e.g. a claim the city does not take, referred elsewhere.
    Stage.INTAKE: frozenset({Stage.IDENTITY, Stage.RESPONSE, Stage.CLOSED} | _WITHDRAW),
    Stage.IDENTITY: frozenset({Stage.INPUT, Stage.AWAITING_DOCUMENTS} | _WITHDRAW),
    # 書類不備 resumes where it stopped: 本人確認 (ID documents) or 入力 (the type's own papers).
    Stage.AWAITING_DOCUMENTS: frozenset({Stage.IDENTITY, Stage.INPUT} | _WITHDRAW),
    Stage.INPUT: frozenset({Stage.CROSS_CHECK, Stage.AWAITING_DOCUMENTS} | _WITHDRAW),
    Stage.CROSS_CHECK: frozenset({Stage.APPROVAL, Stage.INPUT} | _WITHDRAW),  # 差戻し: back to 入力
    # 決裁: to 送付待ち (filed with 機構), to 回答 (requests) or straight to 完了 (kept at the city);
    # 差戻し to 入力 or, for requests, to 対応.
    Stage.APPROVAL: frozenset(
        {Stage.READY_TO_SEND, Stage.ANSWER, Stage.CLOSED, Stage.INPUT, Stage.RESPONSE} | _WITHDRAW
    ),
    Stage.RESPONSE: frozenset({Stage.APPROVAL} | _WITHDRAW),
    Stage.ANSWER: frozenset({Stage.CLOSED}),
    Stage.READY_TO_SEND: frozenset({Stage.SENT} | _WITHDRAW),
    # 機構's answer: the result (then 完了), or 返戻 back to 入力.
    Stage.SENT: frozenset({Stage.RESULT_RECEIVED, Stage.CLOSED, Stage.INPUT}),
    Stage.RESULT_RECEIVED: frozenset({Stage.CLOSED, Stage.INPUT}),
    Stage.CLOSED: frozenset(),
    Stage.WITHDRAWN: frozenset(),
}

# The stages of a case filed with 機構, and of a case the desk settles itself: those before the weekly
# bundle, then 機構's, then the end.
FILED_STAGES = frozenset(BEFORE_SENDING) | {Stage.SENT, Stage.RESULT_RECEIVED} | FINAL_STAGES
REQUEST_STAGES = frozenset({Stage.INTAKE, Stage.RESPONSE, Stage.APPROVAL, Stage.ANSWER} | FINAL_STAGES)

# Where a flow waits for the world (viewflow Handle nodes of the same name in every flow file).
WAIT_DISPATCH = "await_dispatch"
WAIT_RESULT = "await_result"
