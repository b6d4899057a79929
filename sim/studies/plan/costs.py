"""What a scenario costs: every tactic's planned spend, and the brand's own production time.

A tactic declares its cost model in its own file (``cost_model``, ``planned_cost``: see
:mod:`sim.components`); this module adds the levers that are not tactics but the brand's own
work, priced as hours at an hourly rate:

- **posts**: every post the brand publishes takes ``hours_per_post`` to make;
- **content**: better content takes longer: ``hours_per_quality_step`` more per post for each
  0.1 of quality above ``reference_quality``;
- **replies**: answering comments (``brand.reply_share``) takes ``reply_hours_per_week`` a week
  when every comment is answered, in proportion below.

No public source measures these hours or the rate for a small shop: every number here is an
assumption, and says so wherever a user sees it (``COST_MODELS``); set your own with
``Production(...)``. None of them is charged inside a run (a run's ``cost`` is what its tactics
pay); they make the budget a plan is weighed with.
"""

from __future__ import annotations

from pydantic import Field

from sim.base.params import Params


class Production(Params):
    """The brand's own time, as hours at a rate (every number an assumption)."""

    hourly_rate: float = Field(
        40.0, ge=0, le=10_000, description="euros per hour of the brand's own work (assumption)"
    )
    hours_per_post: float = Field(
        1.0,
        ge=0,
        le=100,
        description="hours to make one post of the reference quality (assumption)",
    )
    reference_quality: float = Field(
        0.5, ge=0, le=1, description="quality a post of hours_per_post has (assumption)"
    )
    hours_per_quality_step: float = Field(
        0.5,
        ge=0,
        le=100,
        description="extra hours per post for each 0.1 of quality above the reference (assumption)",
    )
    reply_hours_per_week: float = Field(
        3.0, ge=0, le=168, description="hours a week to answer every comment (assumption)"
    )

    def hours_per_post_at(self, quality: float) -> float:
        """Hours one post of mean ``quality`` takes."""
        steps = max(0.0, quality - self.reference_quality) / 0.1
        return self.hours_per_post + self.hours_per_quality_step * steps


# Each lever's cost model, as a user reads it beside the money: (English, Dutch). Tactics'
# come from their own files (``cost_model``); these are the brand's own work.
COST_MODELS = {
    "posts": (
        "posts × hours per post × hourly rate (assumptions: 1 hour a post, €40 an hour)",
        "posts × uren per post × uurtarief (aannames: 1 uur per post, €40 per uur)",
    ),
    "content": (
        "posts × extra hours for quality above 0.5 × hourly rate (assumption: half an "
        "hour per 0.1 of quality)",
        "posts × extra uren voor kwaliteit boven 0,5 × uurtarief (aanname: een half uur "
        "per 0,1 kwaliteit)",
    ),
    "replies": (
        "share of comments answered × 3 hours a week × hourly rate (assumptions)",
        "deel van de reacties beantwoord × 3 uur per week × uurtarief (aannames)",
    ),
}


def posts_in_run(scenario) -> float:
    """The posts the brand's rhythm plans over the run (posts a week × weeks)."""
    return scenario.brand.posts_per_week * scenario.days / 7.0


def production_budget(scenario, production: Production | None = None) -> dict[str, float]:
    """Euros of the brand's own work over the run: posts, content above the reference, replies."""
    p = production or Production()
    posts = posts_in_run(scenario)
    q = scenario.brand.quality
    base = posts * p.hours_per_post * p.hourly_rate
    extra = posts * (p.hours_per_post_at(q) - p.hours_per_post) * p.hourly_rate
    replies = (
        scenario.brand.reply_share * p.reply_hours_per_week * scenario.days / 7.0 * p.hourly_rate
    )
    return {"posts": base, "content": extra, "replies": replies}


def scenario_budget(scenario, production: Production | None = None) -> dict[str, float]:
    """Euros each lever of ``scenario`` commits to over the run, before it runs.

    Every switched-on tactic by its own cost model (``planned_cost``), then the brand's own
    work (:func:`production_budget`). Levers that cost nothing are left out.

    Returns:
        lever name -> euros, in registry order, then posts, content, replies.
    """
    from sim import registry

    out: dict[str, float] = {}
    for cls, params in registry.active(scenario):
        if cls.group == "strategies":
            euros = float(cls.planned_cost(params, scenario))
            if euros > 0:
                out[cls.name] = euros
    for lever, euros in production_budget(scenario, production).items():
        if euros > 0:
            out[lever] = euros
    return out


def cost_model(lever: str, lang: str = "en") -> str:
    """How ``lever``'s money is made up, with its sources or the word assumption."""
    if lever in COST_MODELS:
        return COST_MODELS[lever][1 if lang == "nl" else 0]
    from sim import registry

    nl = lang == "nl"
    for cls in registry.COMPONENTS:
        if cls.name == lever:
            said = (cls.cost_model_nl or cls.cost_model) if nl else cls.cost_model
            return said or ("kost geen geld" if nl else "costs no money")
    raise KeyError(f"no lever {lever!r}")
