"""What a client sees: charts, reports (PDF, deck, spreadsheet) and the presets table.

They read results and studies; only the interfaces call them.
"""
