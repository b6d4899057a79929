"""What a comparison runs: its arms (each a label and a resolved scenario), seeds and baseline.

Arms come from scenario files given on the command line (each file one arm, labelled by its
name) or from a comparison file, a TOML file that lists them with optional overrides::

    name = "organic_vs_bought"
    description = "Organic growth against buying followers"
    description_nl = "Organische groei tegenover volgers kopen"   # optional: in Dutch
    baseline = "organic"            # default: the first arm
    seeds = 20

    [overrides]                     # applied to every arm
    "audience.users" = 100_000

    [[arms]]
    label = "organic"
    scenario = "../scenarios/organic.toml"   # relative to the comparison file

    [[arms]]
    label = "buy 5,000"
    label_nl = "5.000 kopen"        # optional: the label in a Dutch report
    scenario = "../scenarios/organic.toml"
    set = { "strategies.buy" = { days = [30], count = 5_000 } }

Nothing here runs: every arm is validated first, so a bad arm is reported before any run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.base.i18n import Said
from sim.base.l10n import said_of
from sim.base.metrics import DEFAULT_FIGURES
from sim.registry import active, tactic_days
from sim.scenario import Scenario, ScenarioError, load_scenario, safe_name
from sim.scenario.loading import parse_toml, read_input
from sim.studies.comparison.checks import Side, differences

ARM_KEYS = {"label", "label_nl", "scenario", "set"}
FILE_KEYS = {
    "name",
    "description",
    "description_nl",
    "baseline",
    "seeds",
    "overrides",
    "arms",
    "metrics",
}
# Figures summarised per arm besides the catalogue's defaults.
EXTRA_FIGURES = ("engaged_real_followers_end", "mean_engagements_per_post")


@dataclass(frozen=True)
class Arm:
    """One arm: what the charts call it, its folder name and its resolved scenario."""

    label: str
    slug: str
    scenario: Scenario

    @property
    def tactic(self) -> str:
        """The arm's first switched-on tactic ('' for none): the colour it is drawn in."""
        names = [cls.name for cls, _ in active(self.scenario) if cls.group == "strategies"]
        return names[0] if names else ""


@dataclass
class Plan:
    """A validated comparison, before anything runs."""

    name: str
    arms: list[Arm]
    baseline: str
    seeds: list[int]
    description: str = ""
    metrics: tuple[str, ...] = (*DEFAULT_FIGURES, *EXTRA_FIGURES)
    notes: list[Said] = field(default_factory=list)  # said in the reader's language
    labels_nl: dict[str, str] = field(default_factory=dict)  # an arm's label in Dutch
    description_nl: str = ""  # the description in Dutch

    @property
    def runs(self) -> int:
        """Simulation runs: arms × seeds."""
        return len(self.arms) * len(self.seeds)

    def warnings(self, lang: str = "en") -> list[str]:
        """Ways the arms differ besides their tactics (platform, audience, length, start), in
        ``lang``."""
        return differences([Side(a.label, a.scenario) for a in self.arms], lang)

    def to_dict(self) -> dict[str, Any]:
        """``comparison.toml``: what defines the runs (compared on a rerun) and what the charts
        read (arms in order, baseline, each arm's tactic and tactic days)."""
        return (
            {
                "name": self.name,
                "description": self.description,
                "arms": [a.label for a in self.arms],
                "baseline": self.baseline,
                "seeds": list(self.seeds),
                "metrics": list(self.metrics),
                "folders": {a.label: a.slug for a in self.arms},
                "tactics": {a.label: a.tactic for a in self.arms},
                "marks": {
                    a.label: [[name, key, day] for name, key, day in tactic_days(a.scenario)]
                    for a in self.arms
                },
                "scenarios": {
                    a.label: hashlib.sha256(a.scenario.to_toml().encode()).hexdigest()[:16]
                    for a in self.arms
                },
                "users": sorted({a.scenario.audience.users for a in self.arms}),
                "days": sorted({a.scenario.days for a in self.arms}),
                "platforms": sorted({a.scenario.platform for a in self.arms}),
            }
            | ({"labels_nl": dict(self.labels_nl)} if self.labels_nl else {})
            | ({"description_nl": self.description_nl} if self.description_nl else {})
        )


def _slugs(labels: list[str]) -> list[str]:
    out: list[str] = []
    for label in labels:
        s = safe_name(label.replace(" ", "_").replace(",", ""), "arm")
        while s in out:
            s += "_"
        out.append(s)
    return out


def fit_days(sc: Scenario, notes: list[Said], label: str) -> dict[str, Any]:
    """Overrides that keep a tactic's listed days inside a shortened run (e.g. an influencer
    booked monthly in a 60-day run), each noted in words (said in the reader's language)."""
    fixes: dict[str, Any] = {}
    for cls, params in active(sc):
        days = getattr(params, "days", None)
        if cls.group == "strategies" and isinstance(days, tuple):
            inside = [d for d in days if d < sc.days]
            if inside and len(inside) < len(days):
                fixes[f"strategies.{cls.name}.days"] = inside
                notes.append(
                    Said(
                        "{label}: {tactic} days after day {last} dropped in this shorter run",
                        {"label": label, "tactic": cls.name, "last": sc.days - 1},
                    )
                )
    return fixes


def make_plan(
    arms: list[tuple[str | None, Scenario]],
    seeds: list[int],
    baseline: str | None = None,
    name: str | None = None,
    description: str = "",
    overrides: dict[str, Any] | None = None,
    source: str = "compare",
    metrics: tuple[str, ...] | None = None,
) -> Plan:
    """Validate arms (label or None for the scenario's name, scenario) into a :class:`Plan`.

    Args:
        overrides: dotted key -> value applied to every arm (``--set``), validated per arm.

    Raises:
        ScenarioError: fewer than two arms, repeated labels, an unknown baseline, no seeds, or an
            override that makes an arm invalid (the message names the arm).
    """
    if len(arms) < 2:
        raise ScenarioError(f"{source}: give at least two scenarios to compare")
    if not seeds:
        raise ScenarioError(f"{source}: give at least one seed")
    notes: list[Said] = []
    labels, scenarios = [], []
    for label, sc in arms:
        label = label or sc.name.replace("_", " ")
        if overrides:
            raw = {k: v for k, v in overrides.items() if k != "days"}
            if "days" in overrides:  # shorten first, then keep the tactics' days inside
                sc = sc.with_overrides(
                    {"days": overrides["days"]}
                    | fit_days(sc.model_copy(update={"days": overrides["days"]}), notes, label),
                    source=f"{source} arm {label!r}",
                )
            if raw:
                sc = sc.with_overrides(raw, source=f"{source} arm {label!r}")
        labels.append(label)
        scenarios.append(sc)
    repeated = sorted({lb for lb in labels if labels.count(lb) > 1})
    if repeated:
        raise ScenarioError(
            f"{source}: arms must have different labels; repeated: "
            f"{', '.join(repeated)} (label them in a comparison file)"
        )
    base = baseline or labels[0]
    if base not in labels:
        raise ScenarioError(f"{source}: baseline {base!r} is not an arm; arms: {', '.join(labels)}")
    slugs = _slugs(labels)
    plan_arms = [Arm(lb, s, sc) for lb, s, sc in zip(labels, slugs, scenarios, strict=True)]
    default_name = "-vs-".join(slugs)[:60] or "comparison"
    return Plan(
        safe_name(name or default_name, "comparison"),
        plan_arms,
        base,
        list(seeds),
        description,
        tuple(metrics or Plan.metrics),
        notes,
    )


def is_comparison_file(path: str | Path) -> bool:
    """Whether ``path`` is a comparison file (a TOML file with ``[[arms]]``)."""
    p = Path(path)
    if p.suffix != ".toml" or not p.is_file():
        return False
    try:
        return "arms" in parse_toml(read_input(p, "comparison file"), p)
    except ScenarioError:
        return False


def _text(path: Path, key: str, value, example: str) -> str:
    """``value`` if it is text, else a ScenarioError naming the file and key."""
    if not isinstance(value, str):
        raise ScenarioError(
            f"{path}: {key} = {value!r} must be text in quotes, e.g. {key} = {example}"
        )
    return value


def load_comparison_file(
    path: str | Path,
    seeds: list[int] | None = None,
    overrides: dict[str, Any] | None = None,
    name: str | None = None,
    baseline: str | None = None,
) -> Plan:
    """A :class:`Plan` from a comparison file (see the module docstring).

    Args:
        seeds: replace the file's seeds (``--seeds``).
        overrides: applied to every arm after the file's own ``[overrides]`` (``--set``).
        name, baseline: replace the file's.

    Raises:
        ScenarioError: unknown keys, a key of the wrong type, a missing scenario, an invalid arm
            (the message names the file, the key or arm, and what is allowed).
    """
    from sim.studies.sweep.spec import SweepError, parse_seeds

    path = Path(path)
    spec = parse_toml(read_input(path, "comparison file"), path)
    unknown = sorted(set(spec) - FILE_KEYS)
    if unknown:
        raise ScenarioError(
            f"{path}: unknown key(s) {', '.join(unknown)}; a comparison file "
            f"holds {', '.join(sorted(FILE_KEYS))}"
        )
    for key, example in (
        ("name", '"organic-vs-bought"'),
        ("description", '"What if ..."'),
        ("baseline", '"organic"'),
    ):
        if key in spec:
            _text(path, key, spec[key], example)
    for key in ("overrides",):
        if not isinstance(spec.get(key, {}), dict):
            raise ScenarioError(
                f"{path}: [{key}] must be a table of dotted keys, e.g. "
                f'[{key}] followed by "audience.users = 20000"'
            )
    metrics = spec.get("metrics")
    if metrics is not None and not (
        isinstance(metrics, list) and all(isinstance(m, str) for m in metrics)
    ):
        raise ScenarioError(
            f"{path}: metrics must be a list of names, e.g. "
            'metrics = ["followers_end", "mean_real_reach_per_post"]'
        )
    entries = spec.get("arms", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ScenarioError(
            f'{path}: arms must be a list of tables, each written as [[arms]] with scenario = "..."'
        )
    arms, labels_nl = [], {}
    for i, entry in enumerate(entries):
        where = f"{path} arms[{i}]"
        bad = sorted(set(entry) - ARM_KEYS)
        if bad or "scenario" not in entry:
            raise ScenarioError(
                f"{where}: each arm needs `scenario` (a file, relative to the "
                f"comparison file) and may have `label`, `label_nl` (the label in "
                f"Dutch) and `set`" + (f"; unknown: {', '.join(bad)}" if bad else "")
            )
        _text(Path(where), "scenario", entry["scenario"], '"organic.toml"')
        if "label" in entry:
            _text(Path(where), "label", entry["label"], '"bought 5k"')
        if not isinstance(entry.get("set", {}), dict):
            raise ScenarioError(
                f"{where}: set = {entry['set']!r} must be a table of dotted "
                'keys, e.g. set = {"audience.users" = 20000}'
            )
        file = (path.parent / entry["scenario"]).resolve()
        if not file.exists():
            raise ScenarioError(
                f"{where}: scenario file {entry['scenario']!r} not found (looked for {file})"
            )
        try:
            sc = load_scenario(file)
        except ScenarioError as exc:
            fields = {"path": where, "problem": said_of(exc)}
            raise ScenarioError(Said("{path}: {problem}", fields)) from None
        if entry.get("set"):
            sc = sc.with_overrides(dict(entry["set"]), source=f"{where} set")
        arms.append((entry.get("label"), sc))
        if entry.get("label_nl") and entry.get("label"):
            labels_nl[str(entry["label"])] = str(entry["label_nl"])
    all_over = {**spec.get("overrides", {}), **(overrides or {})}
    try:
        seed_list = parse_seeds(seeds if seeds is not None else spec.get("seeds", 10))
    except SweepError as exc:
        raise ScenarioError(
            Said("{path}: {problem}", {"path": path, "problem": said_of(exc)})
        ) from None
    plan = make_plan(
        arms,
        seed_list,
        baseline or spec.get("baseline"),
        name or spec.get("name") or path.stem,
        spec.get("description", ""),
        all_over,
        source=str(path),
        metrics=tuple(metrics) if metrics else None,
    )
    plan.labels_nl = labels_nl
    plan.description_nl = str(spec.get("description_nl", ""))
    return plan
