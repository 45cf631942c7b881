"""The supervisor dashboard (issue 14 §1): each chart as server-side SVG, its table, and its CSV."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cases.common.csvsafe import csv_writer
from cases.common.date_display import date_show
from cases.kernel.stages import Stage
from cases.security.models.offices import Office
from workflows import charts
from workflows.dashboard import AGE_BUCKETS, Dashboard, dashboard_for
from workflows.forms.desk import DashboardFilterForm


def _week_label(day) -> str:
    return f"{day.month}/{day.day}"


def _tables(board: Dashboard, offices: list[Office]) -> dict[str, tuple[list[str], list[list]]]:
    """Every chart's figures as (header, rows): the page's tables and the CSV files."""
    stage_labels = {stage: str(Stage(stage).label) for stage in board.stages}
    by_stage_office = board.open_matrix(0, 1)
    by_stage_type = board.open_matrix(0, 2)
    by_office_age = board.open_matrix(1, 3)
    shown = [s for s in board.stages if sum(by_stage_type[s].values())]
    stages_rows = [
        [
            stage_labels[s],
            *(by_stage_type[s][code] for code, _l in board.types),
            sum(by_stage_type[s].values()),
        ]
        for s in shown
    ]
    stages_head = [_("段階"), *(label for _c, label in board.types), _("計")]
    offices_rows = [
        [stage_labels[s], *(by_stage_office[s][o.pk] for o in offices), sum(by_stage_office[s].values())]
        for s in shown
    ]
    offices_head = [_("段階"), *(o.name for o in offices), _("計")]
    ageing_rows = [
        [
            o.name,
            *(by_office_age[o.pk][name] for name, _lo, _hi in AGE_BUCKETS),
            sum(by_office_age[o.pk].values()),
        ]
        for o in offices
    ]
    ageing_head = [
        _("受付事務所"),
        *(_("%(bucket)s業務日") % {"bucket": name} for name, _lo, _hi in AGE_BUCKETS),
        _("計"),
    ]
    weekly_rows = [
        [date_show(week), *(board.weekly[series].get(week, 0) for series in ("received", "sent", "closed"))]
        for week in board.weeks
    ]
    weekly_head = [_("週 (月曜日)"), _("受付"), _("送付"), _("完了")]
    ft = board.first_time
    first_rows = [
        [
            _("差戻し (照合・決裁)"),
            ft.get("sent_back", 0),
            ft.get("input", 0),
            _percent(board.rate("sent_back", "input")),
        ],
        [
            _("返戻 (日本年金機構)"),
            ft.get("returned", 0),
            ft.get("sent", 0),
            _percent(board.rate("returned", "sent")),
        ],
    ]
    first_head = [_("指標"), _("該当した案件"), _("対象の案件"), _("割合")]
    return {
        "stages": (stages_head, stages_rows),
        "offices": (offices_head, offices_rows),
        "ageing": (ageing_head, ageing_rows),
        "weekly": (weekly_head, weekly_rows),
        "first_time": (first_head, first_rows),
    }


def _percent(rate: float | None) -> str:
    return f"{rate * 100:.1f}%" if rate is not None else "―"


def _charts(board: Dashboard, offices: list[Office]) -> dict:
    stages = [s for s in board.stages if any(board.open_matrix(0, 2)[s].values())] or board.stages
    by_stage_type = board.open_matrix(0, 2)
    by_age_office = board.open_matrix(3, 1)
    types = [(code, label) for code, label in board.types if any(by_stage_type[s][code] for s in stages)]
    rate_in, rate_sent = board.rate("sent_back", "input"), board.rate("returned", "sent")
    ft = board.first_time
    return {
        "stages": charts.stacked_bars(
            title=_("段階別の未完了案件 (種別ごと)"),
            categories=[str(Stage(s).label) for s in stages],
            series=[(label, [by_stage_type[s][code] for s in stages]) for code, label in types],
        ),
        "ageing": charts.stacked_bars(
            title=_("受付からの経過 (業務日、事務所ごと)"),
            categories=[_("%(bucket)s業務日") % {"bucket": name} for name, _lo, _hi in AGE_BUCKETS],
            series=[
                (office.name, [by_age_office[name][office.pk] for name, _lo, _hi in AGE_BUCKETS])
                for office in offices
                if any(by_age_office[name][office.pk] for name, _lo, _hi in AGE_BUCKETS)
            ],
        ),
        "weekly": charts.grouped_columns(
            title=_("週ごとの受付・送付・完了 (12週)"),
            categories=[_week_label(week) for week in board.weeks],
            series=[
                (_("受付"), [board.weekly["received"].get(w, 0) for w in board.weeks]),
                (_("送付"), [board.weekly["sent"].get(w, 0) for w in board.weeks]),
                (_("完了"), [board.weekly["closed"].get(w, 0) for w in board.weeks]),
            ],
        ),
        "first_time": charts.percent_bars(
            title=_("差戻し・返戻の割合 (12週)"),
            rows=[
                (_("差戻し (照合・決裁)"), rate_in, f"({ft.get('sent_back', 0)} / {ft.get('input', 0)})"),
                (_("返戻 (日本年金機構)"), rate_sent, f"({ft.get('returned', 0)} / {ft.get('sent', 0)})"),
            ],
        ),
    }


def _filter(request: HttpRequest) -> tuple[DashboardFilterForm, list[Office], Office | None]:
    """The filter form (refused while in error), every office and the one asked for (None: all)."""
    offices = list(Office.objects.order_by("sort_order"))
    form = DashboardFilterForm(request.GET or None, offices=offices)
    office_id = form.office_id() if form.is_bound else None
    return form, offices, next((o for o in offices if o.pk == office_id), None)


def _board(office: Office | None, offices: list[Office]) -> tuple[Dashboard, list[Office]]:
    return dashboard_for(office_id=office.pk if office else None), ([office] if office else offices)


@login_required
@permission_required("cases.approve_case", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, all_offices, office = _filter(request)
    context = {"form": form, "office": office}
    # Not every office's figures with a bad filter ignored: none until it is corrected (as the desk lists).
    context["refused"] = form.is_bound and not form.is_valid()
    if not context["refused"]:
        board, shown_offices = _board(office, all_offices)
        context |= {
            "board": board,
            "tables": _tables(board, shown_offices),
            "charts": _charts(board, shown_offices),
            "office_query": f"&office={office.pk}" if office else "",
        }
    return render(request, "workflows/desk/dashboard.html", context)


CSV_NAMES = ("stages", "offices", "ageing", "weekly", "first_time")


@login_required
@permission_required("cases.approve_case", raise_exception=True)
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """One chart's table as CSV (?chart=stages, ageing, weekly, first_time; counts only: no person is
    named)."""
    chart = request.GET.get("chart") or "stages"
    if chart not in CSV_NAMES:
        raise Http404
    form, all_offices, office = _filter(request)
    if form.is_bound and not form.is_valid():  # not every office's figures under a file named for none
        raise Http404
    board, shown_offices = _board(office, all_offices)
    head, rows = _tables(board, shown_offices)[chart]
    if chart == "weekly":
        # The screen's 和暦 week is text to a spreadsheet: an ISO date leads, to sort and count on.
        head = [head[0], _("週 (和暦)"), *head[1:]]
        rows = [[week.isoformat(), *row] for week, row in zip(board.weeks, rows, strict=True)]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dashboard-{chart}-{board.today:%Y%m%d}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv_writer(response)
    writer.writerow(head)
    writer.writerows(rows)
    return response
