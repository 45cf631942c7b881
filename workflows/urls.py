from django.urls import path

from workflows.views import (
    cases,
    checklist,
    dashboard,
    datafile_spelling,
    desk,
    disability,
    exemption,
    intake,
    qualification,
    qualification_lists,
    request_actions,
    requests,
    task_actions,
    tasks_bulk,
    withdraw,
)

urlpatterns = [
    path("desk/", desk.desk_home, name="desk_home"),
    path("desk/inbox/", desk.inbox, name="inbox"),
    path("desk/dashboard/", dashboard.dashboard, name="dashboard"),
    path("desk/dashboard/csv/", dashboard.dashboard_csv, name="dashboard_csv"),
    path("desk/queue/", desk.queue, name="queue"),
    path("desk/tasks/bulk/", tasks_bulk.tasks_bulk, name="tasks_bulk"),
    path("desk/tasks/<int:task_id>/", cases.task_work, name="task_work"),
    path("desk/tasks/<int:task_id>/claim/", task_actions.task_claim, name="task_claim"),
    path("desk/tasks/<int:task_id>/release/", task_actions.task_release, name="task_release"),
    path("desk/tasks/<int:task_id>/reassign/", task_actions.task_reassign, name="task_reassign"),
    path("cases/", cases.case_search, name="case_search"),
    path("cases/<int:case_id>/", cases.case_detail, name="case_detail"),
    path("cases/<int:case_id>/checklist/", checklist.checklist_item_mark, name="checklist_item_mark"),
    path("cases/<int:case_id>/withdraw/", withdraw.case_withdraw_view, name="case_withdraw"),
    path(
        "cases/<int:case_id>/datafile-spelling/",
        datafile_spelling.datafile_spelling_view,
        name="case_datafile_spelling",
    ),
    path("intake/", intake.intake_search, name="intake_search"),
    path("intake/exemption/<int:resident_id>/", exemption.intake_exemption, name="intake_exemption"),
    path("intake/requests/<int:resident_id>/", requests.intake_request, name="intake_request"),
    path("intake/disability/<int:resident_id>/", disability.intake_disability, name="intake_disability"),
    path(
        "intake/qualification/<int:resident_id>/",
        qualification.intake_qualification,
        name="intake_qualification",
    ),
    path("qualification/lists/", qualification_lists.qualification_lists, name="qualification_lists"),
    path(
        "qualification/lists/<int:list_id>/",
        qualification_lists.qualification_list_detail,
        name="qualification_list_detail",
    ),
    path(
        "qualification/lists/<int:list_id>/start/",
        qualification_lists.qualification_list_start,
        name="qualification_list_start",
    ),
    path(
        "qualification/lists/<int:list_id>/letters/",
        qualification_lists.qualification_list_letters,
        name="qualification_list_letters",
    ),
    path(
        "cases/<int:case_id>/disclosure/report/", request_actions.disclosure_report, name="disclosure_report"
    ),
    path(
        "cases/<int:case_id>/requests/deadline/",
        request_actions.request_deadline_extend_view,
        name="request_deadline_extend",
    ),
    path(
        "cases/<int:case_id>/disclosure/mynumber/",
        request_actions.disclosure_mynumber,
        name="disclosure_mynumber",
    ),
]
