from django.urls import path

from cases.security.views import account, audit, auth, home, inquiries, language

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.DeskLoginView.as_view(), name="login"),
    path("logout/", auth.DeskLogoutView.as_view(), name="logout"),
    path("login/totp/", auth.login_totp, name="login_totp"),
    path("language/", language.language_set, name="language_set"),
    path("session/keepalive/", auth.session_keepalive, name="session_keepalive"),
    path("account/password/", account.DeskPasswordChangeView.as_view(), name="password_change"),
    path("account/totp/", account.totp_setup, name="totp_setup"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("audit/report.csv", audit.audit_report_csv, name="audit_report_csv"),
    path("audit/report.pdf", audit.audit_report_pdf, name="audit_report_pdf"),
    path("inquiries/", inquiries.inquiry_list, name="inquiry_list"),
    path("inquiries/new/", inquiries.inquiry_create, name="inquiry_create"),
    path("inquiries/<int:inquiry_id>/", inquiries.inquiry_edit, name="inquiry_edit"),
    path("inquiries/print/", inquiries.inquiry_print, name="inquiry_print"),
    path("inquiries/log.pdf", inquiries.inquiry_log_pdf, name="inquiry_log_pdf"),
]
