"""Dates on the admin's pages as on every other screen (cases/common/date_display.py): 令和8年4月3日 14:05,
English 2026-04-03 (R8) 14:05. Django's admin formats them with the locale's date format (2026年4月3日).

Only what the admin shows is changed: a date column of a list and a read-only date on a page (a record
shown for viewing, the account's login record). A date the admin edits keeps Django's date box and
calendar. Those write and read the ISO date (2026-04-03) on both languages, which the desk's own date
boxes also accept (cases/common/fields.py), so an administrator types what the desk's screens take. A
和暦 value in the box would need a parser of our own for the calendar's output, for dates only the
superuser edits (the beat's ClockedSchedule).
"""

from collections.abc import Callable

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest
from django.utils.html import format_html

from cases.common.date_display import date_show


class WarekiDatesMixin:
    """Listed before the ModelAdmin class. A date field named in list_display or shown read-only is
    swapped for a display function under the field's own name, label, help text and sort order; Django
    looks a model field up before a function, so the field's name alone cannot be given another look."""

    def get_list_display(self, request: HttpRequest) -> list:
        editable = set(self.list_editable)
        return [
            name if name in editable else self._wareki(name) for name in super().get_list_display(request)
        ]

    def get_list_display_links(self, request: HttpRequest, list_display) -> list | None:
        links = super().get_list_display_links(request, list_display)
        return links if links is None else [self._wareki(name) for name in links]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list:
        return [self._wareki(name) for name in super().get_readonly_fields(request, obj)]

    def get_fieldsets(self, request: HttpRequest, obj=None) -> list:
        fieldsets = super().get_fieldsets(request, obj)
        # The same function objects as get_readonly_fields': the page matches its read-only fields by them.
        shown = set(self.get_readonly_fields(request, obj))
        # A page without the change permission shows every field read-only (the records' pages).
        view_only = obj is not None and not self.has_change_permission(request, obj)

        def swap(name):
            if isinstance(name, list | tuple):
                return type(name)(swap(each) for each in name)
            display = self._wareki(name)
            return display if display in shown or view_only else name

        return [(title, {**options, "fields": swap(options["fields"])}) for title, options in fieldsets]

    def _wareki(self, name: str | Callable) -> str | Callable:
        """The display function for a date field's name, the same object each time; any other name as it is."""
        if not isinstance(name, str):
            return name
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return name
        if not isinstance(field, models.DateField):  # DateTimeField is one too
            return name
        cache = self.__dict__.setdefault("_wareki_displays", {})
        if name not in cache:
            cache[name] = _date_display(field, self.get_empty_value_display())
        return cache[name]


def _date_display(field: models.DateField, empty: str) -> Callable:
    @admin.display(description=field.verbose_name, ordering=field.name)
    def display(obj) -> str:
        text = date_show(getattr(obj, field.name))
        # An empty date shows the admin's "-" on a list and on a page alike (a page would print "None").
        # The admin keeps a date field's cell on one line (class nowrap); a function's cell has no such class.
        return format_html('<span class="nowrap">{}</span>', text) if text else empty

    # The name gives the column and the page's row their usual CSS class (field-last_login) and help text.
    display.__name__ = field.name
    return display
