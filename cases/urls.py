from django.urls import path

from cases.views import account, audit, auth, consultation, home, inquiries, language, residents
from cases.views import imports as import_views

urlpatterns = [
    path("imports/", import_views.imports_index, name="imports"),
    path("imports/<int:batch_id>/", import_views.imports_detail, name="imports_detail"),
    path("", home.home, name="home"),
    path("login/", auth.DeskLoginView.as_view(), name="login"),
    path("logout/", auth.DeskLogoutView.as_view(), name="logout"),
    path("login/totp/", auth.login_totp, name="login_totp"),
    path("language/", language.language_set, name="language_set"),
    path("account/password/", account.DeskPasswordChangeView.as_view(), name="password_change"),
    path("account/totp/", account.totp_setup, name="totp_setup"),
    path("consultation/", consultation.consultation, name="consultation"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("inquiries/", inquiries.inquiry_list, name="inquiry_list"),
    path("inquiries/new/", inquiries.inquiry_create, name="inquiry_create"),
    path("inquiries/<int:inquiry_id>/", inquiries.inquiry_edit, name="inquiry_edit"),
    path("inquiries/print/", inquiries.inquiry_print, name="inquiry_print"),
    path("audit/report.csv", audit.audit_report_csv, name="audit_report_csv"),
    path("audit/report.pdf", audit.audit_report_pdf, name="audit_report_pdf"),
    path("inquiries/log.pdf", inquiries.inquiry_log_pdf, name="inquiry_log_pdf"),
    path("residents/<int:resident_id>/", residents.resident_detail, name="resident_detail"),
    path("residents/<int:resident_id>/mynumber/", residents.resident_mynumber, name="resident_mynumber"),
    path(
        "residents/<int:resident_id>/suspension/lift/",
        residents.resident_use_resume_view,
        name="resident_use_resume",
    ),
]
