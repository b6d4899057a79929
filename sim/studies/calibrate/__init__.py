"""``feedsim calibrate``: the client's own account, fitted from its analytics export.

- :mod:`sim.studies.calibrate.exports` -- reading (and writing) post-level exports of each platform;
  its siblings ``export_layouts`` (the column names per platform and language), ``export_files``
  (tables out of CSV, workbooks, ZIPs and folders), ``export_values`` (columns, counts, times)
  and ``export_history`` (the follower count at the start);
- :mod:`sim.studies.calibrate.design` -- what is fitted, what the export states outright, the
  summaries;
- :mod:`sim.studies.calibrate.abc` -- ABC with regression adjustment: posterior draws and intervals;
- :mod:`sim.studies.calibrate.fit` -- the prior design (Optuna), simulations on the sweep executors;
- :mod:`sim.studies.calibrate.account` -- the whole calibration of one export and its output files;
- :mod:`sim.studies.calibrate.synthetic` -- exports made by feedsim from known values, to test the
  fit;
- :mod:`sim.studies.calibrate.words` -- the verdict and what the export barely informs, in English
  or Dutch.
"""
