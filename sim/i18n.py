"""Words in the reader's language: English (the source text) or Dutch.

Every user-visible string of a chart, table header or report is written in English and passed
through :func:`tr` with the reader's language; the English text is the key of the Dutch
catalogue, so a string without a translation reads in English rather than failing.
"""

from __future__ import annotations

LANGS = ("en", "nl")

_NL: dict[str, str] = {}


def check_lang(lang: str) -> str:
    """Return ``lang`` if feedsim speaks it, else raise ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGS)}")
    return lang


def tr(text: str, lang: str = "en") -> str:
    """``text`` (English) in ``lang``."""
    if check_lang(lang) == "en":
        return text
    return _NL.get(text, text)
