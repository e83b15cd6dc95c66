"""Whose figures: the document's own region, and other jurisdictions it quotes.

The document's region comes from the user (``--region``) or from its title and
text (registered names, with 我市/全区 telling the level). A region the
document anonymises (XX市, **市) or names without being registered gets a
stable pseudo-code derived from the document, never a guessed real place.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from ..regions import NATIONAL, Registry, load_regions

# Registry aliases that are generic words, not names of one place.
GENERIC_NAMES = {"国家", "全国", "中国", "全省", "省政府", "全市", "全区", "全县", "我省", "我市"}
LEVEL_PRONOUNS = {
    "city": ("我市", "全市", "本市"),
    "county": ("我区", "全区", "本区", "我县", "全县", "本县"),
    "province": ("我省", "全省", "本省"),
}
MASKED_PLACE_RE = re.compile(r"(?:XX|xx|ＸＸ|\*{1,3}|某|×{1,3}|○○)(?:省|市|县|区)")
PLACE_NAME_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:自治县|自治州|自治区|地区|盟|旗|省|市|县|区))")
# Words naming another jurisdiction inside a local document.
NATIONAL_WORDS = ("国家", "全国", "国家级", "中央")
PROVINCE_WORDS = ("全省", "省政府", "省定", "省级", "省")
CITY_WORDS = ("全市", "市政府", "市级", "市")


@dataclass(frozen=True)
class RegionDecision:
    code: str
    name: str
    level: str
    reason: str
    pseudo: bool
    registered: bool  # False for a pseudo-code minted here (the lead must register it)


def pseudo_code(text: str) -> str:
    """Stable pseudo-code for an unresolved region: ``X-`` + 8 hex of the text's hash."""
    return "X-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8].upper()


def _count_names(text: str, registry: Registry) -> Counter:
    """Mentions of each region named in ``text``: only names that name one current region
    count (鼓楼区 names four and is never given to the first one registered), and a short
    name (长治, 崆峒) only once the full name is in the text too: short names also occur
    across two words (以武强志 holds 武强, 均衡水平 衡水)."""
    named: Counter = Counter()
    full: set[str] = set()
    for match in registry.find_in_text(text):
        if match.name in GENERIC_NAMES:
            continue
        region = registry.resolve(match.name)
        if region is not None and not region.pseudo and region.level != "national":
            named[region.code] += 1
            if match.name == region.name_zh:
                full.add(region.code)
    return Counter({code: n for code, n in named.items() if code in full})


def _most_specific(codes: list[str], registry: Registry) -> str:
    """Among candidate codes, the one that is not an ancestor of another."""
    ancestors = {a.code for c in codes for a in registry.ancestors(c)}
    leaves = [c for c in codes if c not in ancestors]
    return leaves[0] if leaves else codes[0]


def _dominant_level(text: str) -> str | None:
    counts = {level: sum(text.count(w) for w in words) for level, words in LEVEL_PRONOUNS.items()}
    # 我国 speaks for the country; 全国 also appears in local texts (全国试点), so it weighs less
    counts["national"] = 2 * text.count("我国") + text.count("全国") // 2
    level, n = max(counts.items(), key=lambda kv: kv[1])
    return level if n else None


def resolve_document_region(title: str, text: str, given: str | None = None,
                            registry: Registry | None = None) -> RegionDecision:
    registry = registry or load_regions()
    if given:
        region = registry.resolve(given)
        if region is None:
            raise ValueError(f"--region {given!r} is not a registered region code or name")
        return RegionDecision(region.code, region.name_zh, region.level, "given by the user",
                              region.pseudo, True)
    level = _dominant_level(text)
    head = "\n".join(text.splitlines()[:8]) + "\n" + title
    in_head = _count_names(head, registry)
    in_body = _count_names(text, registry)
    if in_head:
        code = _most_specific(sorted(in_head, key=lambda c: -in_body[c]), registry)
        r = registry[code]
        return RegionDecision(r.code, r.name_zh, r.level, f"named in the title/header ({r.name_zh})", False, True)
    candidates = [c for c, n in in_body.items() if n >= 2 and (level is None or registry[c].level == level)]
    if candidates:
        code = _most_specific(sorted(candidates, key=lambda c: -in_body[c]), registry)
        r = registry[code]
        return RegionDecision(r.code, r.name_zh, r.level,
                              f"named {in_body[code]} times in the text with {level or 'no'}-level pronouns",
                              False, True)
    masked = MASKED_PLACE_RE.search(text)
    if level == "national" and not masked:
        return RegionDecision(NATIONAL, registry[NATIONAL].name_zh, "national",
                              "a national text (我国/全国 dominate, no local region named)", False, True)
    code = pseudo_code(text)
    level = level if level in ("city", "county", "province") else "county"
    if masked:
        reason = f"the document anonymises its region ({masked.group()}); pseudo-code from the text's hash"
        name = f"匿名地区（{masked.group()}，{code}）"
    else:
        named = PLACE_NAME_RE.search(title or "")
        if named:
            reason = (f"the title names {named.group(1)!r}, which is not in the region registry; "
                      "register it to resolve; pseudo-code from the text's hash")
            name = f"未登记地区（{named.group(1)}，{code}）"
        else:
            reason = "no registered region named in the document; pseudo-code from the text's hash"
            name = f"未识别地区（{code}）"
    return RegionDecision(code, name, level, reason, True, False)


def other_jurisdiction(word: str, own: RegionDecision, registry: Registry | None = None) -> tuple[str | None, str]:
    """Region code a jurisdiction word (国家, 省政府, 全市 …) names, seen from ``own``.

    Returns (code, reason); code None when it cannot be known without guessing.
    """
    registry = registry or load_regions()
    if word in NATIONAL_WORDS:
        return NATIONAL, "national figure quoted for comparison"
    if own.pseudo or own.code not in registry:
        return None, f"{word} of an anonymised or unregistered region: unknown without guessing"
    if word in PROVINCE_WORDS:
        province = registry.province_of(own.code)
        if province is None:
            return None, f"{word}: no province registered above {own.code}"
        return province.code, f"provincial figure quoted for comparison ({province.name_zh})"
    if word in CITY_WORDS:
        region = registry[own.code]
        for a in registry.ancestors(own.code) if region.level == "county" else []:
            if a.level == "city":
                return a.code, f"city figure quoted for comparison ({a.name_zh})"
        return None, f"{word} is the document's own level"
    return None, f"unknown jurisdiction word {word!r}"
