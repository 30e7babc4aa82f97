"""From findings to a score: severities, scopes, and the veto/deduction arithmetic.

A scope starts at 100 points; each rule's deductions are capped (``Rule.cap()``) before they are
taken off. A scope passes with no veto and at least OVERSIGHT_PASS_SCORE points.
"""

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.conf import settings

from townsquare.units.models import Unit

VETO = "veto"
DEDUCTION = "deduction"
ADVICE = "advice"
SEVERITY_LABELS = {VETO: "单项否决", DEDUCTION: "扣分", ADVICE: "建议"}
SEVERITY_ORDER = {VETO: 0, DEDUCTION: 1, ADVICE: 2}
FULL_SCORE = Decimal("100")


@dataclass
class Finding:
    code: str  # the rule's code
    severity: str  # veto, deduction or advice
    points: float  # points deducted (0 for vetoes and advice)
    title: str  # the rule's Chinese name
    detail: str  # what exactly is wrong
    fix: str  # how to fix it, in plain words
    url: str = ""  # where to fix it in the admin
    unit_id: int | None = None
    object_label: str = ""

    @property
    def severity_label(self):
        return SEVERITY_LABELS[self.severity]

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)


def sort_findings(findings):
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], -f.points, f.code))


@dataclass(frozen=True)
class Scope:
    """Who is checked: one unit, or the county (every unit; its own home and news for the home rules)."""

    unit: Unit | None
    unit_ids: frozenset
    home_unit_ids: frozenset

    @property
    def is_county(self):
        return self.unit is None

    @property
    def label(self):
        return "全县" if self.unit is None else self.unit.display_name

    def owns(self, unit_id):
        return unit_id in self.unit_ids


def unit_scope(unit):
    return Scope(unit, frozenset([unit.pk]), frozenset([unit.pk]))


def county_scope(data):
    home = frozenset([data.county_unit_id]) if data.county_unit_id else frozenset()
    return Scope(None, frozenset(data.units), home)


@dataclass
class Result:
    scope: Scope
    findings: list = field(default_factory=list)
    score: Decimal = FULL_SCORE

    @property
    def vetoes(self):
        return [f for f in self.findings if f.severity == VETO]

    @property
    def deductions(self):
        return [f for f in self.findings if f.severity == DEDUCTION]

    @property
    def advice(self):
        return [f for f in self.findings if f.severity == ADVICE]

    @property
    def passed(self):
        return not self.vetoes and self.score >= settings.OVERSIGHT_PASS_SCORE


def distinct_vetoes(finding_lists):
    """The veto findings of several lists (``Finding``s or their dicts), each one once."""
    seen = {}
    for findings in finding_lists:
        for item in findings:
            finding = item if isinstance(item, Finding) else Finding.from_dict(item)
            if finding.severity == VETO:
                seen.setdefault((finding.code, finding.unit_id, finding.object_label, finding.detail), finding)
    return list(seen.values())


def run_rules(scope, data, rules):
    """Run ``rules`` (``rules.Rule``s) for ``scope`` on the snapshot ``data``; each rule loses at most its cap."""
    findings, lost = [], Decimal("0")
    for item in rules:
        if item.county_only and not scope.is_county:
            continue
        found = item.check(item, scope, data)
        rule_points = sum(Decimal(str(f.points)) for f in found if f.severity == DEDUCTION)
        lost += min(rule_points, Decimal(str(item.cap())))
        findings.extend(found)
    return Result(scope, sort_findings(findings), max(Decimal("0"), FULL_SCORE - lost))


@dataclass
class Evaluation:
    now: object
    county: Result
    units: list  # [Result], in the units' order

    def all_vetoes(self):
        """The county's own vetoes and its units' (a finding both in the county's and a unit's list once)."""
        return distinct_vetoes([self.county.findings, *(result.findings for result in self.units)])

    def county_passed(self):
        """The county passes only when it and every one of its units have no veto."""
        return self.county.passed and not any(result.vetoes for result in self.units)

    def zombies(self):
        return [f for result in self.units for f in result.findings if f.code == "zombie_account"]
