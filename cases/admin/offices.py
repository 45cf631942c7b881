"""The offices' admin page: the terminal networks each office may sign in from (cases/security/terminals.py)."""

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.offices import Office
from cases.security.terminals import address_allowed, network_parse_line, network_too_broad, networks_parse


class OfficeAdminForm(forms.ModelForm):
    request: HttpRequest | None = None

    class Meta:
        model = Office
        fields = ("code", "name", "kind", "sort_order", "phone", "allowed_networks")

    def clean_allowed_networks(self) -> str:
        text = self.cleaned_data["allowed_networks"]
        errors = []
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            try:
                network = network_parse_line(line)
            except ValueError as exc:
                errors.append(str(exc))
                continue
            too_broad = network_too_broad(network)
            if too_broad:
                errors.append(too_broad)
        if errors:
            raise forms.ValidationError(errors)
        user = getattr(self.request, "user", None)
        if user is not None and user.office_id == self.instance.pk and self.instance.pk is not None:
            address = self.request.META.get("REMOTE_ADDR", "")
            if not address_allowed(address, networks_parse(text)):
                raise forms.ValidationError(
                    _("この設定では、いまお使いの端末 (%(address)s) からこのシステムを利用できなくなります。")
                    % {"address": address}
                )
        return text


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    form = OfficeAdminForm
    list_display = ("code", "name", "kind", "phone", "restricted")
    ordering = ("sort_order", "code")

    @admin.display(description=gettext_lazy("端末の制限"), boolean=True)
    def restricted(self, office: Office) -> bool:
        return networks_parse(office.allowed_networks) is not None

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A subclass per request: the form checks the administrator does not lock out their own terminal.
        return type(form.__name__, (form,), {"request": request})

    def save_model(self, request: HttpRequest, obj: Office, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "allowed_networks" in form.changed_data:
            audit_record(
                action=AuditAction.CHANGE,
                request=request,
                target=f"事務所:{obj.code}",
                detail={"event": "allowed_networks", "networks": obj.allowed_networks.splitlines()},
            )
