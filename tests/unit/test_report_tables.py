"""Report tables never cut a word inside a cell, in the PDF or the deck, however many columns a
table has (a budget plan's allocation table has eleven, with long Dutch headers)."""

from sim.present.report import deck, pdf

ROWS = [
    [
        "plan",
        "Influencerposts",
        "Betaalde boost",
        "Winacties",
        "Communitybeheer",
        "Medewerkers die delen",
        "Meer posts",
        "Betere content",
        "Reacties beantwoorden",
        "Gekochte volgers",
        "Uitgegeven geld",
    ],
    ["Geen extra geld"] + ["–"] * 9 + ["€ 0"],
    [
        "Alternatief 1",
        "€ 300",
        "€ 375",
        "€ 200",
        "€ 374",
        "€ 287",
        "€ 373",
        "€ 375",
        "€ 375",
        "–",
        "€ 2.659",
    ],
]


def test_pdf_columns_hold_their_longest_word_and_fit_the_page():
    size = pdf._table_size(ROWS, 10.5)
    widths = pdf._column_chars(ROWS, size)
    assert sum(widths) <= pdf._page_chars(size)
    pages = pdf._row_pages(ROWS, widths, size, 0.85, 0.08)
    for cells in pages[0]:
        for c, lines in enumerate(cells):
            words = " ".join(lines).split()
            # Wrapped at spaces only: every word of the cell is whole on its line.
            assert words == str(ROWS[pages[0].index(cells)][c]).split()


def test_deck_columns_hold_their_longest_word_and_fit_the_slide():
    pt, inches = deck._column_inches(ROWS, 12, deck._widths(ROWS))
    assert 8 <= pt <= 12
    assert abs(sum(inches) - (deck.SLIDE_W - 1.0)) < 1e-6
    for c, width in enumerate(inches):
        longest = max(
            len(w) * (1.25 if i == 0 else 1.0) for i, r in enumerate(ROWS) for w in r[c].split()
        )
        assert width >= longest * pt * deck.CHAR_EM / 72 + deck.CELL_MARGIN - 1e-9
