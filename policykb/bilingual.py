"""One bilingual convention: real `<field>_zh` / `<field>_en` columns, read through `Localized`.

`institute.name` gives `name_zh` or `name_en` for the active language and falls back to the other
language when the preferred one is empty, so a page never shows a blank where the record has text.
"""

from django.utils.translation import get_language


def active_language_code(language=None):
    """'zh' or 'en' for the given or active Django language ('zh-hans', 'en-us', ...)."""
    code = (language or get_language() or "zh").lower()
    return "en" if code.startswith("en") else "zh"


def localized(obj, base, language=None):
    """The text of `obj.<base>_zh` / `obj.<base>_en` in the requested language, with fallback."""
    first = active_language_code(language)
    second = "zh" if first == "en" else "en"
    for code in (first, second):
        value = getattr(obj, f"{base}_{code}", None)
        if value:
            return value
    return ""


class Localized:
    """Descriptor giving a bilingual pair of columns as one attribute in the active language."""

    def __init__(self, base=None):
        self.base = base

    def __set_name__(self, owner, name):
        self.base = self.base or name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return localized(obj, self.base)
