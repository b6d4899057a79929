"""``feedsim calibrate``: the client's own account, fitted from its analytics export.

- :mod:`sim.calibrate.exports` -- reading (and writing) post-level exports of each platform;
- :mod:`sim.calibrate.design` -- what is fitted, what the export states outright, the summaries;
- :mod:`sim.calibrate.abc` -- ABC with regression adjustment: posterior draws and intervals;
- :mod:`sim.calibrate.fit` -- the prior design (Optuna), simulations on the sweep executors;
- :mod:`sim.calibrate.account` -- the whole calibration of one export and its output files;
- :mod:`sim.calibrate.synthetic` -- exports made by feedsim from known values, to test the fit;
- :mod:`sim.calibrate.words` -- the verdict and what the export barely informs, in English or Dutch.
"""
