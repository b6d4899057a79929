"""The text of ``feedsim presets``: platform presets side by side, or one preset with its sources.

Pure rendering: it reads the presets through :mod:`sim.scenario` and returns text; the command
line decides the width, whether the output is a terminal and how to print.
"""

from __future__ import annotations

import textwrap

from sim.base.i18n import tr
from sim.scenario import PRESET_TABLES, list_presets, load_preset

# Eighth-blocks draw an hourly profile in a line; a terminal that cannot encode them gets ASCII.
BLOCKS = " ▁▂▃▄▅▆▇█"
ASCII_BLOCKS = " .:-=+*#%@"
WIDE = 10_000


def render(
    name: str | None = None,
    *,
    columns: int = 100,
    wide: bool = False,
    interactive: bool = False,
    encoding: str | None = "utf-8",
    lang: str = "en",
) -> str:
    """The presets overview (no ``name``) or one preset in full, as text without a final newline.

    Args:
        name: a preset to show in full with every source; ``None`` for all presets side by side.
        columns: the terminal width the text is fitted to (at least 60 is used).
        wide: do not fit to ``columns``: all presets in one table, sources unwrapped.
        interactive: the text goes to a terminal; one preset's sources are then wrapped, whereas
            piped output keeps one source per line for grep.
        encoding: the output's encoding; the hourly bars fall back to ASCII if it cannot
            encode block characters.
        lang: the language of the words around the values (en or nl) and of each preset's
            description; the sources are quoted as the preset gives them, in English.

    Raises:
        ScenarioError: ``name`` is not a preset.
    """
    width = WIDE if wide else max(60, columns)
    if name:
        return "\n".join(_one_preset(name, width, interactive and not wide, lang))
    return "\n".join(_overview(width, wide, encoding, lang))


def _description(preset: dict, lang: str) -> str:
    """A preset's description in ``lang`` (``description_nl`` for Dutch), else its English one."""
    own = preset.get("description_nl") if lang == "nl" else None
    return str(own or preset.get("description", ""))


def _rows(preset: dict, whole_tables: bool) -> list[tuple[str, object, str | None]]:
    """(dotted key, value, source) of every value a preset sets. A table of numbers becomes one
    row per key, unless ``whole_tables`` and it is sourced as a whole."""
    sources = preset.get("sources", {})
    out = []
    for table in PRESET_TABLES:
        for key, value in preset.get(table, {}).items():
            dotted = f"{table}.{key}"
            if isinstance(value, dict) and (not whole_tables or dotted not in sources):
                for sub, v in value.items():
                    src = sources.get(f"{dotted}.{sub}", sources.get(dotted))
                    out.append((f"{dotted}.{sub}", v, src))
            else:
                out.append((dotted, value, sources.get(dotted)))
    return out


def _one_preset(name: str, width: int, wrap: bool, lang: str) -> list[str]:
    preset = load_preset(name)
    lines = [f"{name}: {_description(preset, lang)}"]
    if lang != "en":
        lines.append(tr("(the sources are quoted in English, as docs/sources.md gives them)", lang))
    for dotted, value, src in _rows(preset, whole_tables=True):
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v:g}" for k, v in value.items())
        lines.append(f"  {dotted:<28} {value!s}")
        src = src or tr("(no source given)", lang)
        if wrap:
            src = "\n".join(textwrap.wrap(src, width - 6))
        lines.append(textwrap.indent(src, "      "))
    return lines


def _show(value, lang: str) -> str:
    if isinstance(value, list) and len(value) == 24:  # hourly profile: its peak hour
        return f"pk {max(range(24), key=value.__getitem__)}{'u' if lang == 'nl' else 'h'}"
    if isinstance(value, list):
        return "/".join(f"{v // 1000}k" if v >= 1000 and v % 1000 == 0 else f"{v:g}" for v in value)
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def _overview(width: int, wide: bool, encoding: str | None, lang: str) -> list[str]:
    names = list_presets()
    presets = {n: load_preset(n) for n in names}
    table = {n: {k: (v, s) for k, v, s in _rows(presets[n], whole_tables=False)} for n in names}
    keys = list(dict.fromkeys(k for n in names for k in table[n]))
    notes: dict[str, int] = {}  # full source text -> footnote number, in order of appearance

    def marker(src: str | None) -> str:
        if src is None:
            return "?"
        if src.lower().startswith("assumption"):
            return "A"
        return f"[{notes.setdefault(src, len(notes) + 1)}]"  # a citation, listed below

    def cell(value, src) -> str:
        m = marker(src)
        return _show(value, lang) + (m if m.startswith("[") else " " + m)

    cells = {(n, k): cell(*table[n][k]) for k in keys for n in names if k in table[n]}
    keyw = max(len(k) for k in keys) + 1
    colw = max(max(len(c) for c in cells.values()), max(len(n) for n in names)) + 1
    per_block = max(1, (width - keyw) // colw)

    lines = [tr("Platform presets (feedsim presets NAME: one in full, with every source)", lang)]
    for n in names:
        line = f"  {n:<{keyw - 2}}{_description(presets[n], lang)}"
        lines.append(line if len(line) <= width else line[: width - 3] + "...")
    setting = tr("setting", lang)
    for b in range(0, len(names), per_block):
        block = names[b : b + per_block]
        lines.append("")
        lines.append((f"{setting:<{keyw}}" + "".join(f"{n:<{colw}}" for n in block)).rstrip())
        for k in keys:
            line = f"{k:<{keyw}}" + "".join(f"{cells.get((n, k), '-'):<{colw}}" for n in block)
            lines.append(line.rstrip())

    blocks = BLOCKS
    try:
        blocks.encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        blocks = ASCII_BLOCKS
    lines.append(
        "\n" + tr("Hourly activity, 0h to 23h (audience.activity_profile; pk = peak hour):", lang)
    )
    for n in names:
        prof = presets[n].get("audience", {}).get("activity_profile")
        if prof:
            top = max(prof) or 1.0
            bars = "".join(blocks[max(v > 0, round(v / top * (len(blocks) - 1)))] for v in prof)
            lines.append(f"  {n:<{keyw - 2}}{bars}")

    lines.append("\n" + tr("Sources:", lang))
    lines.append(
        "  "
        + tr(
            "A = assumption: no public figure fixes the value (the reason for each: "
            "feedsim presets NAME)",
            lang,
        )
    )
    if lang != "en":
        lines.append("  " + tr("(quoted in English, as docs/sources.md gives them)", lang))
    if any(c.endswith(" ?") for c in cells.values()):
        lines.append("  " + tr("? = no source given", lang))
    for src, i in notes.items():
        tag = f"  [{i}] "
        if wide:
            lines.append(tag + src)
        else:
            lines.append(
                textwrap.fill(src, width, initial_indent=tag, subsequent_indent=" " * len(tag))
            )
    return lines
