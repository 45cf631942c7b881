"""The inbox's, the queue's and the dashboard's filters, and the bulk actions (担当・付け替え・印刷)."""

from html import escape

from django import forms
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from cases.common.freetext import FreeTextField
from cases.common.params import int_param
from cases.kernel.casetypes import casetype_specs
from cases.kernel.stages import Stage
from workflows.selectors import SORTS, TaskFilter

BULK_MAX = 100  # one page of a list, twice over


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name alone."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class ListSelect(forms.Select):
    """A select drawn here rather than by Django's widget templates (one template include per option:
    the filters' thirty options were a tenth of a list's time, issue 15). The markup is
    django/forms/widgets/select.html's for a select without groups; every value and label is escaped."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = "".join(
            f'\n  <option value="{escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
            f"{escape(str(option['label']))}</option>"
            for _group, group, _index in widget["optgroups"]
            for option in group
        )
        return mark_safe(f'<select name="{escape(name)}"{_attrs(widget["attrs"])}>{options}\n</select>')


class _PythonInput:
    """An input drawn here, as django/forms/widgets/input.html draws it (with attrs.html): the filters'
    check boxes and hidden sort order went through the form renderer's templates, a fifth of a list's
    template time (py-spy, 2026-12-07)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{escape(str(widget["value"]))}"'
        return mark_safe(
            f'<input type="{widget["type"]}" name="{escape(name)}"{shown}{_attrs(widget["attrs"])}>'
        )


class ListCheckbox(_PythonInput, forms.CheckboxInput):
    pass


class ListHidden(_PythonInput, forms.HiddenInput):
    pass


class TaskFilterForm(forms.Form):
    """GET parameters of a task list. A value that cannot be read (a stale link's stage) is shown as an
    error beside its box, and the list shows no task until it is corrected: the whole list, the bad
    filter ignored, read as its result."""

    case_type = forms.ChoiceField(label=_("種別"), required=False, widget=ListSelect)
    stage = forms.ChoiceField(label=_("段階"), required=False, widget=ListSelect)
    office = forms.ChoiceField(label=_("受付事務所"), required=False, widget=ListSelect)
    overdue = forms.BooleanField(label=_("期限を過ぎたものだけ"), required=False, widget=ListCheckbox)
    everyone = forms.BooleanField(
        label=_("担当中の作業も表示 (付け替え用)"), required=False, widget=ListCheckbox
    )
    sort = forms.ChoiceField(
        label=_("並び順"), required=False, widget=ListHidden, choices=[(k, k) for k in SORTS]
    )

    def __init__(self, *args, offices=None, reassign: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not reassign:
            del self.fields["everyone"]
        self.fields["case_type"].choices = [("", _("すべて"))] + [
            (spec.code, spec.label) for spec in sorted(casetype_specs(), key=lambda spec: spec.code)
        ]
        self.fields["stage"].choices = [("", _("すべて"))] + [
            (stage.value, stage.label) for stage in Stage if stage not in (Stage.CLOSED, Stage.WITHDRAWN)
        ]
        if offices is None:
            del self.fields["office"]
        else:
            self.fields["office"].choices = [("", _("すべて"))] + [(o.pk, o.name) for o in offices]

    def task_filter(self) -> TaskFilter:
        # What could be read of it (the view shows no task while a value is in error).
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return TaskFilter(
            case_type=data.get("case_type") or "",
            stage=data.get("stage") or "",
            office_id=int_param(data.get("office")),
            overdue=bool(data.get("overdue")),
            everyone=bool(data.get("everyone")),
            sort=data.get("sort") or "created",
        )


class DashboardFilterForm(forms.Form):
    """The dashboard's office. One it cannot apply (「zz」, an office that is gone) is an error beside its
    box and the page draws no figures: read as absent, it showed every office's under 「全事務所」."""

    office = forms.ChoiceField(label=_("事務所"), required=False, widget=ListSelect)

    def __init__(self, *args, offices=(), **kwargs):
        super().__init__(*args, auto_id="%s", **kwargs)
        self.fields["office"].choices = [("", _("全事務所"))] + [(o.pk, o.name) for o in offices]

    def office_id(self) -> int | None:
        """The office asked for, None for every office or while the form is in error."""
        return int_param(self.cleaned_data.get("office")) if self.is_valid() else None


class BulkForm(forms.Form):
    """The tasks ticked on a list and what to do with them; `confirm` runs it (else: the preview)."""

    ACTIONS = (
        ("claim", _("担当する")),
        ("reassign", _("担当を付け替える")),
        ("print", _("作業票を印刷する")),
    )

    action = forms.ChoiceField(choices=ACTIONS)
    tasks = forms.CharField(required=False)  # filled from the ticked boxes by the view
    to_user = forms.TypedChoiceField(label=_("新しい担当者"), coerce=int, required=False, empty_value=None)
    reason = FreeTextField(label=_("付け替えの理由"), max_length=200, required=False)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].choices = [("", "―")] + [(u.pk, f"{u} ({u.office})") for u in candidates]

    def shown_owners(self) -> dict[int, int | None]:
        """The owner the preview showed for each ticked task (`owner_<id>`, empty: unowned), so that a
        task another 係長 moved since is not moved again over their head (desk_bulk.bulk_run)."""
        return {
            task_id: int_param(self.data.get(f"owner_{task_id}")) for task_id in self.cleaned_data["tasks"]
        }

    def clean_tasks(self) -> list[int]:
        ids = [int_param(part) for part in self.data.getlist("task")] if hasattr(self.data, "getlist") else []
        ids = sorted({i for i in ids if i is not None})
        if not ids:
            raise forms.ValidationError(_("作業を1件以上選んでください。"))
        if len(ids) > BULK_MAX:
            raise forms.ValidationError(
                _("一度に選べる作業は%(max)s件までです (%(count)s件選択)。")
                % {"max": BULK_MAX, "count": len(ids)}
            )
        return ids
