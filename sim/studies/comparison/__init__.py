"""Scenarios side by side across seeds, on common random numbers.

- :mod:`sim.studies.comparison.checks`: what makes two runs or arms not like for like, in words;
- :mod:`sim.studies.comparison.plan`: the arms (scenario files, or a comparison file with
  overrides);
- :mod:`sim.studies.comparison.run`: run every arm on the sweep engine (resumable) and write the
  tidy ``days.csv``, ``summary.csv`` and ``comparison.toml`` the comparison charts draw.

No arm label is built in: a comparison is whatever scenarios it is given.
"""
