"""What a browser would post from a page: a form's fields with the values the page shows.

The load test fills in only what a person types or ticks; everything else (the CSRF token, hidden
fields, pre-filled inputs, selected options, ticked boxes) goes back as the page rendered it, so the
posts stay right when a form gains a field.
"""

import re
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None

    @property
    def _form(self) -> dict | None:
        return self.forms[-1] if self.forms and self.forms[-1]["open"] else None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get").lower(),
                               "fields": {}, "names": set(), "open": True})  # fmt: skip
            return
        form = self._form
        if form is None or ("name" not in a and tag != "option"):
            return
        fields = form["fields"]
        if "name" in a:
            form["names"].add(a["name"])
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.setdefault(a["name"], []).append(a.get("value", "on"))
                return
            fields.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            fields.setdefault(a["name"], []).append("")
        elif tag == "select":
            self._select, self._select_first = a["name"], None
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            if "selected" in a:
                fields.setdefault(self._select, []).append(value if value is not None else "")
            elif self._select_first is None:
                self._select_first = value if value is not None else ""

    def handle_data(self, data: str) -> None:
        form = self._form
        if form is not None and self._textarea is not None:
            form["fields"][self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        form = self._form
        if tag == "form" and form is not None:
            form["open"] = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and form is not None and self._select is not None:
            # Nothing marked selected: a browser sends the first option.
            if self._select not in form["fields"] and self._select_first is not None:
                form["fields"][self._select] = [self._select_first]
            self._select = None


def forms_read(html: str) -> list[dict]:
    reader = _FormReader()
    reader.feed(html)
    return [{key: form[key] for key in ("action", "method", "fields", "names")} for form in reader.forms]


def form_with(html: str, field: str) -> dict:
    """The first POST form with an input named `field` (ticked or not); its fields as value lists."""
    for form in forms_read(html):
        if form["method"] == "post" and field in form["names"]:
            return form
    raise LookupError(f"no POST form with a field {field!r}")


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if match is None:
        raise LookupError("no CSRF token on the page")
    return match.group(1)
