"""The dashboard's words: English (the keys), Dutch from the one catalogue, :mod:`sim.i18n`."""

from __future__ import annotations

from sim.i18n import _NL, check_lang, tr


def t(text: str, lang: str = "en") -> str:
    """``text`` (English) in ``lang`` ("en" or "nl")."""
    if check_lang(lang) == "en":
        return FIGURE_WORDS.get(text, text)
    return _NL[text] if text in _NL else tr(FIGURE_WORDS.get(text, text), lang)


FIGURE_WORDS = {"followers_real_end": "real followers at the end",
                "mean_real_reach_per_post": "real reach per post",
                "mean_engagements_per_post": "engagements per post",
                "purchases": "purchases", "net_revenue": "net result",
                "call_to_action": "call to action"}
