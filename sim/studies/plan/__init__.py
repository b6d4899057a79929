"""Then what should we do? What each honest lever costs, how outcomes answer to money, and the
best mix for a budget.

- :mod:`sim.studies.plan.costs` -- every lever's cost model and :func:`scenario_budget`;
- :mod:`sim.studies.plan.levers` -- each lever as money -> scenario changes;
- :mod:`sim.studies.plan.curves` -- response curves on the sweep engine, and their chart.
"""
