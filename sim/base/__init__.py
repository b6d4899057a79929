"""Leaves every layer shares: accounts and their kinds, parameters, the attribute, metric and
presented-figure catalogues, words (i18n, l10n), random streams, the numba rule and its helpers,
graphs, tables, safe file writing, the version.

Nothing here imports from another wing.
"""
