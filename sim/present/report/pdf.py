"""The report as a PDF: A4 landscape pages drawn with matplotlib and bound with ``PdfPages``.

matplotlib already draws every chart, embeds its fonts (TrueType, so the text stays searchable
and copyable) and writes PDF without another dependency; a report of text, tables and chart
images needs no more. Pages: a title page, the summary, the key figures, one page per chart and
the assumptions (as many pages as the table needs).
"""

from __future__ import annotations

import io
import textwrap
from contextvars import ContextVar
from pathlib import Path

from sim.base.i18n import tr
from sim.base.safe_io import IMAGE_LIMIT, atomic_file, read_bytes
from sim.present.report.document import Document
from sim.present.report.theme import PLAIN, Theme
from sim.present.widths import longest_words

A4_LANDSCAPE = (11.69, 8.27)  # inches
MARGIN = 0.06  # of the page, left and right
NOTE, RULE = "#666666", "#BBBBBB"  # footers and table rules (the theme has the rest)
POINTS_PER_INCH = 72


_THEME: ContextVar[Theme] = ContextVar("report_theme", default=PLAIN)


def _theme() -> Theme:
    """The theme of the PDF being written (:func:`write_pdf`)."""
    return _THEME.get()


def _logo(fig) -> None:
    """The agency's logo in the page's top right corner, if the theme has one."""
    th = _theme()
    if th.logo is None:
        return
    import matplotlib.pyplot as plt

    img = plt.imread(io.BytesIO(th.logo))
    h = 0.07
    w = h * th.logo_ratio * A4_LANDSCAPE[1] / A4_LANDSCAPE[0]
    ax = fig.add_axes([1 - MARGIN - w, 0.905, w, h])
    ax.imshow(img)
    ax.axis("off")


def _line_height(fontsize: float) -> float:
    """One line of text at ``fontsize`` points, as a fraction of the page height."""
    return fontsize * 1.4 / (A4_LANDSCAPE[1] * POINTS_PER_INCH)


def _page(plt, heading: str | None = None, footer: str = ""):
    fig = plt.figure(figsize=A4_LANDSCAPE)
    _logo(fig)
    if heading:
        fig.text(MARGIN, 0.92, heading, fontsize=20, fontweight="bold", color=_theme().accent)
    if footer:
        fig.text(1 - MARGIN, 0.03, footer, fontsize=8, color=NOTE, ha="right")
    return fig


def _wrap(cell: str, width: int) -> list[str]:
    lines = []
    for part in str(cell).split("\n"):
        lines += textwrap.wrap(part, width) or [""]
    return lines


CHAR_EM = 0.62  # a character's mean width in ems (DejaVu Sans, bold headers included)


def _page_chars(fontsize: float) -> int:
    """Characters that fit across the page between the margins at ``fontsize``."""
    return int((1 - 2 * MARGIN) * A4_LANDSCAPE[0] * POINTS_PER_INCH / (fontsize * CHAR_EM))


def _word_chars(rows: list[list[str]]) -> list[int]:
    """Per column, the characters its longest word needs (a header's bold word a fifth more),
    so no word is cut inside a column."""
    return [int(w + 0.999) + 2 for w in longest_words(rows, header=1.2)]


def _table_size(rows: list[list[str]], fontsize: float) -> float:
    """``fontsize``, or a smaller one (not under 7 points) at which every column's longest word
    fits across the page."""
    need = sum(_word_chars(rows))
    while fontsize > 7 and need > _page_chars(fontsize):
        fontsize -= 0.5
    return fontsize


def _column_chars(rows: list[list[str]], fontsize: float) -> list[int]:
    """Characters per column: each column's longest cell where the page allows; otherwise
    its longest word, and the rest of the page shared in proportion to what each longer cell
    would add. No column is narrower than its longest word (see :func:`_table_size`)."""
    total = _page_chars(fontsize)
    words = _word_chars(rows)
    longest = [max(max(len(str(r[c])) for r in rows) + 2, words[c]) for c in range(len(rows[0]))]
    if sum(longest) <= total:
        return longest
    spare = max(0, total - sum(words))
    extra = [n - w for n, w in zip(longest, words, strict=True)]
    scale = spare / sum(extra) if sum(extra) else 0
    return [int(w + e * scale) for w, e in zip(words, extra, strict=True)]


def _row_pages(
    rows: list[list[str]], widths: list[int], fontsize: float, top: float, bottom: float
) -> list[list[list[list[str]]]]:
    """Split wrapped rows into pages; the header row is repeated on every page."""
    # The header is bold, about a fifth wider: wrapped to fewer characters (see _word_chars).
    wrapped = [
        [_wrap(c, max(int(w / 1.2) if i == 0 else w, 1)) for c, w in zip(r, widths, strict=True)]
        for i, r in enumerate(rows)
    ]
    header, body = wrapped[0], wrapped[1:]
    lh = _line_height(fontsize)

    def height(r):
        return (max(len(c) for c in r) + 0.5) * lh

    room = top - bottom - height(header)
    pages, page, used = [], [], 0.0
    for r in body:
        if page and used + height(r) > room:
            pages.append([header, *page])
            page, used = [], 0.0
        page.append(r)
        used += height(r)
    pages.append([header, *page])
    return pages


def _draw_table(
    fig,
    rows: list[list[list[str]]],
    widths: list[int],
    top: float,
    fontsize: float,
    header: bool = True,
) -> float:
    """Draw wrapped rows from ``top`` down; return the y below the table."""
    lh = _line_height(fontsize)
    # Character width to page fraction: about 0.55 em for DejaVu Sans.
    char = fontsize * CHAR_EM / (A4_LANDSCAPE[0] * POINTS_PER_INCH)
    xs = [MARGIN]
    for w in widths[:-1]:
        xs.append(xs[-1] + w * char)
    right = xs[-1] + widths[-1] * char
    y = top
    for i, row in enumerate(rows):
        n = max(len(c) for c in row)
        for x, cell in zip(xs, row, strict=True):
            fig.text(
                x,
                y - lh * 0.2,
                "\n".join(cell),
                fontsize=fontsize,
                va="top",
                color=_theme().text,
                fontweight="bold" if header and i == 0 else "normal",
                linespacing=1.4,
            )
        y -= (n + 0.5) * lh
        fig.add_artist(_rule(fig, MARGIN, right, y + 0.15 * lh, header=header and i == 0))
    return y


def _rule(fig, x0: float, x1: float, y: float, header: bool):
    from matplotlib.lines import Line2D

    return Line2D(
        [x0, x1],
        [y, y],
        transform=fig.transFigure,
        color=_theme().accent if header else RULE,
        lw=1.2 if header else 0.5,
    )


def chart_bytes(chart: str | Path) -> bytes:
    """A chart PNG to embed, read as a regular file inside its own folder: a chart that is a
    link to an image elsewhere is refused, never embedded."""
    from PIL import Image

    chart = Path(chart)
    data = read_bytes(chart, "chart", chart.parent, IMAGE_LIMIT)
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()  # the whole image decodes: not cut, not another kind of file
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for a damaged image
        raise ValueError(
            f"{chart}: this chart is not a whole PNG image "
            f"({type(exc).__name__}: {str(exc)[:120]}); delete it and draw it "
            "again with `feedsim plot`"
        ) from None
    return data


def write_pdf(doc: Document, path: str | Path, theme: Theme = PLAIN) -> Path:
    """Write the report of ``doc`` as a PDF to ``path`` in an agency's ``theme`` (colours, logo,
    font, name in the footer; default: feedsim's own look).

    Returns:
        The path written.
    """
    from sim.present.charts.common import pyplot

    plt = pyplot()
    lang, path = doc.lang, Path(path)
    footer = theme.footer(doc.title)
    token = _THEME.set(theme)
    try:
        return _write(doc, path, footer, plt, lang)
    finally:
        _THEME.reset(token)


def _write(doc: Document, path: Path, footer: str, plt, lang: str) -> Path:
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    # Written all at once: a kill or a full disk mid-write leaves the earlier report whole.
    with (
        atomic_file(path, path.parent, fsync=True) as out,
        matplotlib.rc_context({"pdf.fonttype": 42, "font.family": _theme().font or "DejaVu Sans"}),
        PdfPages(
            out, metadata={"Title": doc.title, "Subject": doc.subtitle, "Creator": "feedsim"}
        ) as pdf,
    ):
        # Title page.
        fig = _page(plt)
        fig.text(
            MARGIN,
            0.70,
            "\n".join(textwrap.wrap(doc.title, _page_chars(30))),
            fontsize=30,
            fontweight="bold",
            color=_theme().accent,
            va="bottom",
        )
        fig.text(MARGIN, 0.64, doc.subtitle, fontsize=13, color=NOTE, va="top")
        facts = [[f"{k}", v] for k, v in doc.facts]
        if facts:
            rows = [[[k], [v]] for k, v in facts]
            _draw_table(fig, rows, [30, 60], 0.52, 12, header=False)
        pdf.savefig(fig)
        plt.close(fig)

        # Summary: the verdict first; a summary too long for one page goes on over the next.
        fig = _page(plt, tr("Summary", lang), footer)
        y = 0.84
        for para in doc.summary:
            lines = textwrap.wrap(para, 105)
            height = (len(lines) * 1.5 + 0.9) * _line_height(13) / 1.4 * 1.0 + 0.01
            if y - height < 0.07 and y < 0.84:
                pdf.savefig(fig)
                plt.close(fig)
                fig = _page(plt, tr("Summary", lang), footer)
                y = 0.84
            fig.text(
                MARGIN,
                y,
                "\n".join(lines),
                fontsize=13,
                color=_theme().text,
                va="top",
                linespacing=1.5,
            )
            y -= height
        pdf.savefig(fig)
        plt.close(fig)

        # Key figures.
        for rows in doc.key_figures:
            size = _table_size(rows, 10.5)
            widths = _column_chars(rows, size)
            for page in _row_pages(rows, widths, size, 0.85, 0.08):
                fig = _page(plt, (doc.key_heading or tr("Key figures", lang)), footer)
                _draw_table(fig, page, widths, 0.85, size)
                pdf.savefig(fig)
                plt.close(fig)

        # Charts, each on its own page, as large as the page allows.
        for chart in doc.charts:
            fig = _page(plt, None, footer)
            img = plt.imread(io.BytesIO(chart_bytes(chart)), format="png")
            h, w = img.shape[:2]
            box_w, box_h = 1 - 2 * MARGIN, 0.88
            page_ratio = A4_LANDSCAPE[0] / A4_LANDSCAPE[1]
            scale = min(box_w, box_h * (w / h) / page_ratio) / box_w
            aw, ah = box_w * scale, box_w * scale * (h / w) * page_ratio
            ax = fig.add_axes([(1 - aw) / 2, 0.07 + (box_h - ah) / 2, aw, ah])
            ax.imshow(img)
            ax.axis("off")
            pdf.savefig(fig)
            plt.close(fig)

        # Assumptions (a study without a table of them: the paragraph alone).
        rows = doc.assumption_rows
        intro = textwrap.wrap(doc.assumptions_intro, 130)
        top = 0.86 - len(intro) * _line_height(11)
        if not rows or not rows[0] or not any(rows[0]):
            fig = _page(plt, doc.last_heading(), footer)
            fig.text(
                MARGIN,
                0.87,
                "\n".join(intro),
                fontsize=11,
                color=_theme().text,
                va="top",
                linespacing=1.4,
            )
            pdf.savefig(fig)
            plt.close(fig)
            return path
        widths = _column_chars(rows, 9)
        for page in _row_pages(rows, widths, 9, top, 0.07):
            fig = _page(plt, doc.last_heading(), footer)
            fig.text(
                MARGIN,
                0.87,
                "\n".join(intro),
                fontsize=11,
                color=_theme().text,
                va="top",
                linespacing=1.4,
            )
            _draw_table(fig, page, widths, top - 0.01, 9)
            pdf.savefig(fig)
            plt.close(fig)
    return path
