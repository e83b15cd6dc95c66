"""A plan's goal quoted as a yardstick: 实现《纲要》“达到95%”的目标.

The quoted goal is the plan's, not the document's (../shared/ANNOTATION.md, Kind): a
``benchmark`` row of the plan's jurisdiction, applying to the document's region. The
jurisdiction is read from the plan's name (《甘肃省…规划》 → 甘肃省, 《国家…纲要》 → 全国),
or from the full name the document gives for a short one (《国家中长期教育改革和发展规划纲要》
（以下简称《纲要》）). A plan whose jurisdiction the document does not tell (《行动计划》 alone:
every province issued one) gives no row, only a skip with the reason: never a guessed place.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..regions import NATIONAL, load_regions
from .regions import LEVEL_SUFFIXES, place_names

if TYPE_CHECKING:
    from .statements import SentenceRules

# 《plan》 … “goal with its number” … 的目标/要求/指标
PLAN_GOAL_RE = re.compile(r"《(?P<plan>[^》\n]{1,60})》[^。；;“\"]{0,12}?[“\"](?P<goal>[^”\"\n]{1,24})[”\"]"
                          r"\s*(?:的)?\s*(?:目标|要求|指标)")
NATIONAL_PLAN_WORDS = ("国家", "全国", "中国", "国务院", "教育部")
SHORT_NAME_RE = r"《(?P<full>[^》\n]{2,80})》\s*[(（]\s*(?:以下)?简称\s*[“\"]?《SHORT》"
SUBJECT_REACH = 40  # characters between the indicator and the plan's name


def plan_jurisdiction(plan: str, text: str) -> tuple[str | None, str]:
    """(region code, how it was told) of the plan named ``plan`` in the document ``text``."""
    names = [plan]
    full = re.search(SHORT_NAME_RE.replace("SHORT", re.escape(plan)), text)
    if full:
        names.insert(0, full["full"])
    registry = load_regions()
    for name in names:
        if any(w in name for w in NATIONAL_PLAN_WORDS):
            return NATIONAL, f"《{name}》 is a national plan"
        for m in place_names(registry, name):
            region = registry.resolve(m.name)
            if region is not None and not region.pseudo \
                    and (m.name == region.name_zh or m.name.endswith(LEVEL_SUFFIXES)):
                return region.code, f"《{name}》 is a plan of {region.name_zh}"
    return None, f"a goal quoted from 《{plan}》, whose jurisdiction the document does not name"


def rule_plan_goals(s: SentenceRules) -> None:
    if "《" not in s.text:
        return
    for pm in PLAN_GOAL_RE.finditer(s.text):
        toks = [t for t in s.tokens if pm.start("goal") <= t.start < pm.end("goal") and t.start not in s.used]
        if len(toks) != 1:
            continue
        tok = toks[0]
        subject = next((m for m in reversed(s.mentions) if m.end <= pm.start()), None)
        if subject is None or pm.start() - subject.end > SUBJECT_REACH:
            s.skip(tok, f"a goal quoted from 《{pm['plan']}》 with no indicator named before it")
            s.used.add(tok.start)
            continue
        code, why = plan_jurisdiction(pm["plan"], s.ctx.text)
        if code is None and s.ctx.region.code == NATIONAL and s.ctx.region.resolved:
            # 实现《纲要》“达到95%”的目标 in a national text: a plan it names without a jurisdiction is the
            # country's own (tests/extract/corpus v02); a local text's 《纲要》 may be its province's or the nation's
            code, why = NATIONAL, f"《{pm['plan']}》, quoted by a national text without a jurisdiction: a national plan"
        unit = s.unit_fits(subject.code, tok, change=False)
        # a plan's goal quoted as a yardstick is a benchmark of the plan's jurisdiction, the document's own
        # included (../shared/ANNOTATION.md: 实现《纲要》“达到95%”的目标)
        problem = (why if code is None else f"{tok.raw} does not fit the unit of {subject.code}" if unit is None
                   else None)
        if problem:
            s.skip(tok, problem)
            s.used.add(tok.start)
            continue
        s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=None, unit=unit, anchor=subject.start,
               region=code, kind="benchmark", confidence=0.8, reasons=[f"a plan's goal quoted as a yardstick: {why}"],
               year_pos=subject.end, qualifier_before=pm["goal"][:tok.start - pm.start("goal")])
