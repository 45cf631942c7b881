"""The periodic jobs' names in the reader's language, for the admin's schedule pages.

tasks/schedules.py names each job in Japanese, and tasks/beat.py finds its django-celery-beat row by
that name: the name is a key and stays stored as it is (no data migration). A screen names the job by
its label, found by the job's task (cases/ never imports tasks/: the task names are the jobs' public
names, as in cases/common/jobs.py). Each label's message id is the stored name, so a Japanese page reads
what it always read (tests/i18n/test_admin_names_english.py checks they agree).
"""

from django.utils.translation import pgettext_lazy

SCHEDULE_CONTEXT = "定期処理"  # written out below: makemessages reads only a literal context

_LABELS = {
    "cases.retention_purge": pgettext_lazy("定期処理", "保存期限による個人番号の消去"),
    "documents.render_pending": pgettext_lazy("定期処理", "帳票作成の再実行"),
    "cases.deadlines": pgettext_lazy("定期処理", "期限の監視 (決裁遅延・書類督促)"),
    "cases.income_attach_pending": pgettext_lazy("定期処理", "所得情報添付の再実行"),
    "cases.results_flows_pending": pgettext_lazy("定期処理", "処理結果のフロー反映の再実行"),
    "imports.sweep_abandoned": pgettext_lazy("定期処理", "中断した取込ファイルの削除"),
    "security.accounts_disable_expired": pgettext_lazy("定期処理", "パスワード期限切れアカウントの失効"),
    "security.reveal_report": pgettext_lazy("定期処理", "個人番号の表示件数の監視"),
    "security.audit_anchor": pgettext_lazy("定期処理", "アクセス記録の先頭のアンカー"),
    "bundles.build_weekly": pgettext_lazy("定期処理", "週次送付の作成 (日本年金機構)"),
}


def schedule_label(task: str, name: str) -> str:
    """A job's name in the reader's language; a row not of tasks/schedules.py (django-celery-beat's own
    celery.backend_cleanup) by its stored name."""
    label = _LABELS.get(task)
    return str(label) if label is not None else name
