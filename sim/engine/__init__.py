"""The simulation: the audience and its follow graph, the feed kernel and its named inputs (and
its paid path, :mod:`sim.engine.paid`), the model (the day's timed stages), the recorder, the
Mesa agents and the agent engine, plain diffusion, and the runner that turns a scenario into
results.

It imports the base, the components and the scenario; nothing in it imports studies,
presentation or the interfaces.
"""
