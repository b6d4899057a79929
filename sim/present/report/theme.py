"""An agency's look for its reports: colours, a logo, a font and its name in the footer.

``feedsim report FOLDER --theme agency.toml`` reads a small TOML file::

    agency = "Studio Noord"          # in every page's and slide's footer
    logo = "logo.png"                # PNG or JPEG, beside the theme file or a full path
    font = "DejaVu Serif"            # a font installed on this machine (PDF); the deck names it
    [colours]
    accent = "#8A1538"               # headings, table rules, slide titles
    text = "#1A1A1A"                 # body text

Every key is optional; an unknown key, a colour that is not ``#RRGGBB``, a logo that is not an
image and a font this machine does not have are refused with the file, the key and the fix. The
logo is read once, as a regular file, and embedded; the theme never runs anything.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

KEYS = {"agency", "logo", "font", "colours"}
COLOUR_KEYS = {"accent", "text"}
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
DEFAULT_ACCENT, DEFAULT_TEXT = "#0072B2", "#222222"


class ThemeError(ValueError):
    """A theme file that cannot be used; the message names the file, the key and the fix."""


@dataclass(frozen=True)
class Theme:
    """How an agency's report looks.

    Attributes:
        agency: the agency's name ("" for none), shown in the footer.
        logo: the logo image's bytes (None: no logo), and its width / height ratio.
        font: a font family name ("" for the default).
        accent, text: colours as ``#RRGGBB``.
    """

    agency: str = ""
    logo: bytes | None = None
    logo_ratio: float = 1.0
    font: str = ""
    accent: str = DEFAULT_ACCENT
    text: str = DEFAULT_TEXT

    def footer(self, title: str) -> str:
        """A page's footer: the agency's name (else feedsim) and the report's title."""
        return f"{self.agency or 'feedsim'} · {title}"


PLAIN = Theme()


def load_theme(path: str | Path | None) -> Theme:
    """The theme in ``path`` (None: feedsim's own look).

    Raises:
        ThemeError: an unreadable file, an unknown key, a bad colour, logo or font.
    """
    if path is None:
        return PLAIN
    from sim.base import safe_io

    path = Path(path)
    try:
        raw = safe_io.read_toml(path, "theme")
    except (OSError, ValueError) as exc:
        raise ThemeError(f"--theme {path}: {exc}") from None
    unknown = sorted(set(raw) - KEYS)
    if unknown:
        raise ThemeError(
            f"{path}: unknown key {unknown[0]!r}; a theme has {', '.join(sorted(KEYS))}"
        )
    colours = raw.get("colours", {})
    if not isinstance(colours, dict) or set(colours) - COLOUR_KEYS:
        raise ThemeError(f"{path}: [colours] holds {', '.join(sorted(COLOUR_KEYS))} only")
    for key, value in colours.items():
        if not isinstance(value, str) or not HEX.match(value):
            raise ThemeError(
                f"{path}: colours.{key} = {value!r} is not a colour; write it as "
                '"#RRGGBB", for example "#8A1538"'
            )
    for key in ("agency", "font", "logo"):
        if key in raw and not isinstance(raw[key], str):
            raise ThemeError(f"{path}: {key} must be text in quotes")
    font = raw.get("font", "").strip()
    if font:
        _check_font(path, font)
    logo, ratio = None, 1.0
    if raw.get("logo"):
        logo, ratio = _read_logo(path, raw["logo"])
    return Theme(
        agency=raw.get("agency", "").strip()[:80],
        logo=logo,
        logo_ratio=ratio,
        font=font,
        accent=colours.get("accent", DEFAULT_ACCENT),
        text=colours.get("text", DEFAULT_TEXT),
    )


def _check_font(path: Path, font: str) -> None:
    from matplotlib import font_manager

    names = {f.name.lower() for f in font_manager.fontManager.ttflist}
    if font.lower() not in names:
        some = ", ".join(sorted({f.name for f in font_manager.fontManager.ttflist})[:8])
        raise ThemeError(
            f"{path}: font {font!r} is not installed on this machine; install it "
            f"or choose one that is (for example {some})"
        )


def _read_logo(path: Path, logo: str) -> tuple[bytes, float]:
    from PIL import Image

    from sim.base import safe_io

    where = Path(logo) if Path(logo).is_absolute() else path.parent / logo
    try:
        data = safe_io.read_bytes(where, "logo", None, safe_io.IMAGE_LIMIT)
    except (OSError, ValueError) as exc:
        raise ThemeError(f"{path}: logo: {exc}") from None
    try:
        with Image.open(io.BytesIO(data)) as im:
            kind = im.format
            im.load()
            w, h = im.size
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a file that is no image
        raise ThemeError(f"{path}: logo {where} is not a PNG or JPEG image") from None
    if kind not in ("PNG", "JPEG"):
        raise ThemeError(f"{path}: logo {where} is a {kind} image; give a PNG or JPEG")
    return data, w / h if h else 1.0
