"""``feedsim dashboard``: a web page for strategy sessions (Solara).

- :mod:`sim.dashboard.whatif` -- levers, runs of the baseline and the what-if, saving (no web);
- :mod:`sim.dashboard.text` -- the page's words in English and Dutch;
- :mod:`sim.dashboard.app` -- the page (Solara components);
- :mod:`sim.dashboard.server` -- serving it (uvicorn, in this process).
"""
