"""Admin pages that list records and act on them only through their own actions (unlock an address,
decide a role grant): rows are written by the services, never added, edited or deleted here — the
records are the access log's and the two-person rule's evidence."""

from django.contrib import admin
from django.http import HttpRequest


class RecordsOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
