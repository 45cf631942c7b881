"""The engine's rows the admin must not edit freely: viewflow's processes and tasks (not listed at all)
and Celery beat's schedules (when and whether only; the one-off moments with the desk's dates)."""

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_celery_beat.admin import ClockedScheduleAdmin
from django_celery_beat.models import ClockedSchedule, PeriodicTask
from viewflow.workflow.models import Process, Task

from cases.admin.dates import WarekiDatesMixin
from cases.common.schedule_labels import schedule_label
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction

# viewflow's own admin edits processes and tasks row by row: owner, status, data. That would get
# round the four-eyes rule and the case timeline, so tasks change only through the desk's screens.
for _model in (Process, Task):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class PeriodicTaskScheduleForm(forms.ModelForm):
    class Meta:
        model = PeriodicTask
        fields = ("enabled", "crontab", "description")

    def clean_crontab(self):
        crontab = self.cleaned_data["crontab"]
        if crontab is None:
            raise forms.ValidationError(_("実行日時 (crontab) を選んでください。"))
        return crontab


class PeriodicTaskScheduleAdmin(WarekiDatesMixin, admin.ModelAdmin):
    """Schedules only: when and whether a job runs. Which job and with which arguments comes from
    tasks/schedules.py, so the admin cannot start e.g. a bundle seal in a supervisor's name, and
    there is no "run now" (the screens and commands that do that check their own permissions)."""

    form = PeriodicTaskScheduleForm
    list_display = ("label", "enabled", "crontab", "last_run_at")
    fields = ("label", "task", "args", "kwargs", "enabled", "crontab", "description", "last_run_at")
    readonly_fields = ("label", "task", "args", "kwargs", "last_run_at")
    actions = None

    # The stored name is the key tasks/beat.py finds the row by; pages name the job in the reader's language.
    @admin.display(description=gettext_lazy("定期処理"), ordering="name")
    def label(self, task: PeriodicTask) -> str:
        return schedule_label(task.task, task.name)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        task = self.get_object(request, object_id)
        if task is not None:
            extra_context = {**(extra_context or {}), "subtitle": schedule_label(task.task, task.name)}
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: PeriodicTask, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if form.changed_data:
            audit_record(
                action=AuditAction.CHANGE,
                request=request,
                target=f"定期処理:{obj.name}"[:100],
                detail={"event": "schedule_changed", "fields": sorted(form.changed_data)},
            )


if admin.site.is_registered(PeriodicTask):
    admin.site.unregister(PeriodicTask)
admin.site.register(PeriodicTask, PeriodicTaskScheduleAdmin)


class ClockedScheduleDatesAdmin(WarekiDatesMixin, ClockedScheduleAdmin):
    """Celery beat's own page for a one-off moment, its list in the desk's dates (the box keeps its calendar)."""


# Imported above, celery beat's admin has registered its own by now (whichever app Django loads first).
admin.site.unregister(ClockedSchedule)
admin.site.register(ClockedSchedule, ClockedScheduleDatesAdmin)
