"""A screen added later with Japanese typed straight into its template fails here: every piece of
Japanese text in a screen template is inside {% translate %} or {% blocktranslate %}.

PDF templates (``*/templates/*/pdf/``) are forms for 日本年金機構 and residents, Japanese only.
"""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")
# Not words: the list separator, and each language's own name on the switch (shown untranslated,
# so that someone who cannot read the current language still finds theirs).
ALLOWED = {"・", "日本語"}
TRANSLATED_OR_CODE = [
    re.compile(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.S),
    re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"{%.*?%}", re.S),
    re.compile(r"{{.*?}}", re.S),
]


TAG = re.compile(r"{%.*?%}|{{.*?}}", re.S)
MARKED = re.compile(r"""_\((?:"[^"]*"|'[^']*')\)""")  # _("…") in a tag is translated, and extracted
TRANSLATING_TAG = re.compile(r"{%\s*(translate|blocktranslate|endblocktranslate|comment|endcomment)\b")


def untranslated(text: str) -> list[str]:
    # Japanese inside another tag or a variable (a filter argument, a comparison) is never translated.
    found = [
        tag
        for tag in TAG.findall(re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", text, flags=re.S))
        if JAPANESE.search(MARKED.sub("", tag).replace("・", "")) and not TRANSLATING_TAG.match(tag)
    ]
    for pattern in TRANSLATED_OR_CODE:
        text = pattern.sub(" ", text)
    for run in re.findall(r"[^\s<>\"'=/]+", text):
        if JAPANESE.search(run) and run not in ALLOWED:
            found.append(run)
    return found


def screen_templates() -> list[Path]:
    return sorted(
        path
        for path in ROOT.glob("*/templates/**/*.html")
        if ".venv" not in path.parts and "pdf" not in path.parts
    )


def test_the_scan_finds_japanese_outside_the_tags():
    assert untranslated('<h1>{% translate "受付" %}</h1><p>受付簿</p>') == ["受付簿"]
    assert untranslated("{% blocktranslate %}{{ n }}件{% endblocktranslate %} ・ {{ x }}") == []
    assert untranslated("{{ x|default:'未登録' }}") == ["{{ x|default:'未登録' }}"]
    assert untranslated('{{ x|default:_("未登録") }}') == []


def test_every_screen_template_is_translated():
    templates = screen_templates()
    assert len(templates) > 50
    problems = {
        str(path.relative_to(ROOT)): found
        for path in templates
        if (found := untranslated(path.read_text(encoding="utf-8")))
    }
    assert not problems, problems
