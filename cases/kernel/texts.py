"""The kernel's timeline sentences (cases/common/texts.py): stored as code + parameters, worded in
the screen's language when shown. Labels are stored in Japanese, their message id."""

from django.utils.translation import gettext_lazy as _

from cases.common.texts import text_define

APPROVAL_ESCALATED = text_define(
    "approval_escalated", _("決裁待ちが%(days)s業務日になりました (基準 %(limit)s業務日)。")
)
DOCUMENTS_OVERDUE = text_define(
    "documents_overdue", _("書類の提出期限 (%(due)s) を過ぎました。申請者へ連絡してください。"), due="date"
)
IDENTITY_DOCUMENTS = text_define("identity_documents", _("本人確認書類: %(documents)s"), documents="labels")
DOCUMENTS_REQUESTED = text_define("documents_requested", _("提出期限 %(due)s。"), due="date")
DOCUMENTS_REQUESTED_SHOWN = text_define(
    "documents_requested_shown", _("提示: %(documents)s。提出期限 %(due)s。"), documents="labels", due="date"
)
DOCUMENTS_MISSING = text_define(
    "documents_missing", _("不足: %(documents)s。提出期限 %(due)s。"), documents="labels", due="date"
)
CHECKLIST_MARKED = text_define("checklist_marked", _("%(paper)s: %(state)s"), paper="label", state="label")
CHECKLIST_REQUESTED = text_define(
    "checklist_requested", _("%(paper)s: %(state)s (期限 %(due)s)"), paper="label", state="label", due="date"
)
# A paper marked with a note the system writes (ChecklistItem.note_text): the mark, then the note.
CHECKLIST_NOTED = text_define("checklist_noted", _("%(said)s (%(note)s)"), said="text", note="text")
TASK = text_define("task", _("作業: %(task)s"), task="label")
TASK_REASSIGNED = text_define("task_reassigned", _("作業: %(task)s → %(to)s"), task="label")
WITHDRAWN = text_define("withdrawn", _("%(stage)sの段階で取下げ"), stage="label")
