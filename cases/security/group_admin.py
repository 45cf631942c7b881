"""The admin's group pages (the superuser's only: roles are granted through RoleGrant, not here) with
each group named as the role it is, in the reader's language.

A group's stored name is the key the role table finds it by (cases/security/roles.py: roles_sync,
user_roles, the access log keeps it): it stays 係長, 窓口担当 … and the form still edits it as stored.
The list and the page's heading name it by the role's label (係長 on a Japanese page, its English on an
English one), as the user form's role boxes and filter already do.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from cases.security.roles import role_group_label


class RoleGroupAdmin(GroupAdmin):
    list_display = ("role",)
    fields = ("role", "name", "permissions")
    readonly_fields = ("role",)

    @admin.display(description=gettext_lazy("役割"), ordering="name")
    def role(self, group: Group) -> str:
        return role_group_label(group.name)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        group = self.get_object(request, object_id)
        if group is not None:
            extra_context = {**(extra_context or {}), "subtitle": role_group_label(group.name)}
        return super().change_view(request, object_id, form_url, extra_context)


if admin.site.is_registered(Group):
    admin.site.unregister(Group)
admin.site.register(Group, RoleGroupAdmin)
