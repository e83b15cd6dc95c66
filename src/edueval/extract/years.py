"""Year expressions: 2021年, 截至2021年底, 到2025年, 2024-2025学年, 十三五末, 二〇二一年.

Each expression records the year it names and its role: ``point`` (a year the
text is about), ``to`` (到/至…年: a deadline, so the value is a target),
``since`` (…年以来: a period start, not the year of a value), ``base``
(较…: the base of a change) or ``masked`` (digits hidden).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..schema import FIRST_YEAR, LAST_YEAR
from ..vocabulary import words
from .matching import opened
from .numbers import parse_chinese

# 五年规划 periods: the Nth plan covers 1956+5(N-1) … 1960+5(N-1).
_PLAN_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# the years the observation schema admits: a 4-digit number before 年 outside them is no year
PLAUSIBLE_YEARS = range(FIRST_YEAR, LAST_YEAR + 1)


def plan_period(ordinal: int) -> tuple[int, int]:
    """Years covered by the ordinal-th five-year plan (十三五 = 13 → 2016–2020)."""
    # the 3rd plan started in 1966 after a three-year adjustment; every later one is regular
    start = 1966 + 5 * (ordinal - 3)
    return start, start + 4


def _plan_ordinal(token: str) -> int:
    # token is the part between 十 and 五: "" (十五), "一" … "五"
    return 10 + (_PLAN_NUMBERS[token] if token else 0)


Q = "[“”\"'‘’「」『』]?"
_CN_YEAR = "[一二三四五六七八九〇○零]{4}"
# Each pattern opens with a lookahead naming every character a match can begin with: it
# changes no match, but lets the engine pass over other positions without trying each
# optional group (four times faster on bulletins).
YEAR_RE = re.compile(
    r"(?=[截到至于在\s12*一二三四五六七八九〇○零])"
    r"(?P<pre>截至|截止到|截止|截止至|到|至|于|在)?\s*"
    r"(?:(?P<y1>(?:19|20)[\d*]{2}|\*{4}|" + _CN_YEAR + r")\s*年?\s*(?:-|—|–|~|/|至|到)\s*)?"
    r"(?P<year>(?:19|20)[\d*]{2}|\*{4}|(?<=20)\*\*|" + _CN_YEAR + r")\s*"
    r"(?P<unit>学年|年度|年)(?P<post>底|末|初|年底|以来|来|上半年|秋季|春季)?"
)
PLAN_RE = re.compile(
    r"(?=[较比与同截到至\s“”\"'‘’「」『』十])"
    r"(?P<pre>较|比|与|同|截至|截止|到|至)?\s*" + Q + r"十(?P<n>[一二三四五]?)五" + Q +
    r"(?P<post>末|期末|期间|时期|以来|初|规划)?"
)
BASE_MARKERS = ("较", "比", "与", "同", "相比")
# 比十八大前 / 党的十八大以来: an event named as a point in time (vocabulary ``era``), only as the
# base of a change or the start of a span, never the year of a value
ERAS = {word: int(year) for word, year in words("era").items()}
ERA_RE = re.compile(r"(?P<pre>较|比|与|同)?(?:党的)?(?P<era>" + "|".join(sorted(ERAS, key=len, reverse=True))
                    + r")(?:召开)?(?P<post>前|以前|以来|来)?")
# ERA_RE opens with optional words, so ``re`` tries it at every position; a text naming no era is
# passed over after one scan for the words themselves (2.4x faster on bulletins)
ERA_WORD_RE = re.compile("|".join(map(re.escape, sorted(ERAS, key=len, reverse=True))))


RELATIVE_YEARS = {word: int(offset) for word, offset in words("relative_year").items()}
# 去年，全区… / 截至今年底: only where a clause opens (比上年 / 较去年 are the bases of changes)
RELATIVE_RE = opened(r"(?:(?<=^)|(?<=[，,。；;：:\s(（]))(?P<pre>截至|截止|到|至)?(?P<word>"
                     + "|".join(sorted(RELATIVE_YEARS, key=len, reverse=True)) + r")(?P<post>底|末|年底|年末|以来)?",
                     ("截至", "截止", "到", "至"), RELATIVE_YEARS)


@dataclass(frozen=True)
class RelativeYear:
    start: int
    end: int
    offset: int  # years after the document's reference year
    role: str  # point | to


# 新疆明年公办园…将达50% / 占比今年将达…: 今年 and 明年 name a year also inside a clause, where no base of a
# change can be meant (比上年 / 较去年 are the backward words); 预计今年 is an expected value's (rules_nearest.py)
FORWARD_RE = re.compile(r"(?<![比较与同到至截止计])(?P<word>今年|明年)(?P<post>底|末|年底|年末|以来)?")


def relative_years(text: str) -> list[RelativeYear]:
    """去年 / 今年底 / 明年: years named against the document's reference year."""
    out = []
    for m in RELATIVE_RE.finditer(text):
        offset = RELATIVE_YEARS[m.group("word")]
        role = "to" if offset > 0 or (m.group("pre") in ("到", "至") and offset == 0) else "point"
        out.append(RelativeYear(m.start(), m.end(), offset, role))
    if "今年" in text or "明年" in text:
        for m in FORWARD_RE.finditer(text):
            if any(r.start <= m.start() < r.end for r in out):
                continue  # read above, where a clause opens
            offset = RELATIVE_YEARS[m.group("word")]
            out.append(RelativeYear(m.start(), m.end(), offset, "to" if offset > 0 else "point"))
        out.sort(key=lambda r: r.start)
    return out


@dataclass(frozen=True)
class YearMention:
    start: int
    end: int
    year: int | None  # None when masked
    role: str  # point | to | since | base | masked | period
    era: bool = False  # named by an event (十八大), not written as a year: never the document's latest year
    span_from: int | None = None  # 2010年至2014年: the span's first year (a school year 2024-2025学年 is no span)
    school_year_end: int | None = None  # 2024-2025学年: 2025 (the mention's year is 2024, the autumn count's)


def _cn_year(token: str) -> int:
    return int(parse_chinese(token))


def _year_value(token: str) -> int | None:
    if "*" in token:
        return None
    if token.isdigit():
        return int(token)
    return _cn_year(token)


EVENT_BEFORE_RE = re.compile("(?:" + "|".join(map(re.escape, sorted(words("event_verb"), key=len, reverse=True)))
                             + r")(?:于|在)?\s*$")


# 近5年 / 过去五年 / 四十年来 / 十年前: a span of years back from a value's year (the base of its change,
# the first value of a from–to over it); years_back gives how many
YEARS_BACK_RE = re.compile(r"(?:过去|最近|近)(?P<n>[一二两三四五六七八九十\d]{1,2})年"
                           r"|(?P<n2>[一二两三四五六七八九十\d]{1,2})年(?:来|前|间)")


def years_back(m: re.Match) -> int:
    n = m.group("n") or m.group("n2")
    return int(n) if n.isdigit() else int(parse_chinese(n))


# 至2010年底，全区有普通中学25所: a deadline year followed at once by what the place has is the date a
# stock stands at (as 截至), not a goal's year
STOCK_AS_OF_RE = re.compile(r"\s*(?:底|末)?\s*[,，]?\s*(?:全(?:区|县|市|州|省|国)|我(?:区|县|市|州|省|国))?\s*(?:共有|现有|拥有|有)")


def find_years(text: str) -> list[YearMention]:
    """Every year expression in ``text``, in order."""
    out: list[YearMention] = []
    # every YEAR_RE match holds 年 (学年, 年度, 年) and every PLAN_RE match 五 (十三五): a text
    # without the character has no match to look for
    for m in YEAR_RE.finditer(text) if "年" in text else ():
        token = m.group("year")
        if "*" in token and not token.startswith("20") and len(token) != 4:
            continue
        # a plain 4-digit number followed by 年 only when it is a plausible year
        year = _year_value(token)
        if year is not None and year not in PLAUSIBLE_YEARS:
            continue
        pre, post, unit = m.group("pre") or "", m.group("post") or "", m.group("unit")
        before = text[max(0, m.start() - 2):m.start()]
        if year is None:
            role = "masked"
        elif post in ("以来", "来"):
            role = "since"
        elif any(before.endswith(b) for b in BASE_MARKERS) or pre in ("较", "比") or \
                (before.endswith("是") and text.startswith("的", m.end())):
            role = "base"  # 较2015年 / 是2010年的2.5倍
        elif pre in ("到", "至") and not m.group("y1") and not STOCK_AS_OF_RE.match(text, m.end()):
            role = "to"
        elif EVENT_BEFORE_RE.search(text, max(0, m.start() - 4), m.start() + len(pre)):
            role = "event"  # 成立于2002年9月: when a body was founded, not the year its figures are of
        else:
            role = "point"
        span_from, school_year_end = None, None
        if m.group("y1") and unit == "学年":
            # 2009—2010学年度: the school year's figures are those counted in the autumn of its first
            # year, as the year's statistical bulletin gives them (tests/extract/corpus u05, i08, p09's
            # 2016/2017学年初; the sources differ: 内蒙古's 2018-2019学年 rate is its 2019 one, a13); a goal
            # from a school year on is of its second (SentenceRules.emit)
            role = "point"
            if _year_value(m.group("y1")) is not None:
                year, school_year_end = _year_value(m.group("y1")), year
        elif m.group("y1"):
            first = _year_value(m.group("y1"))
            span_from = first if first is not None and year is not None and first < year else None
        out.append(YearMention(m.start(), m.end(), year, role, span_from=span_from, school_year_end=school_year_end))
    for m in PLAN_RE.finditer(text) if "五" in text else ():
        n = _plan_ordinal(m.group("n"))
        if n < 10 or n > 15:
            continue
        start, end = plan_period(n)
        pre, post = m.group("pre") or "", m.group("post") or ""
        before = text[max(0, m.start() - 2):m.start()]
        if pre in ("较", "比", "与", "同") or any(before.endswith(b) for b in BASE_MARKERS):
            role = "base"
        elif pre in ("到", "至") and post in ("末", "期末"):
            role = "to"  # 到“十四五”末: the end the text reaches to, as 到2025年
        elif post in ("末", "期末", "期间", "时期", "以来"):
            role = "period"  # the period's last year
        elif pre in ("到", "至"):
            role = "to"
        else:
            role = "plan"  # a plan's name: tells the period, not the year of a value
        out.append(YearMention(m.start(), m.end(), end, role))
    for m in ERA_RE.finditer(text) if ERA_WORD_RE.search(text) else ():
        if m.group("pre"):
            out.append(YearMention(m.start(), m.end(), ERAS[m.group("era")], "base", era=True))
        elif m.group("post") in ("以来", "来"):
            out.append(YearMention(m.start(), m.end(), ERAS[m.group("era")], "since", era=True))
    out.sort(key=lambda y: y.start)
    return out


DATE_RE = re.compile(
    r"(?P<label>发布时间|发布日期|生成日期|成文日期|印发日期|上传时间|日期|时间)\s*[:：]?\s*"
    r"(?P<y>(?:19|20)\d{2})\s*[-/年.]\s*(?P<m>\d{1,2})\s*[-/月.]\s*(?P<d>\d{1,2})"
)
SIGNATURE_DATE_RE = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})\s*年?\s*(?P<m>\d{1,2})\s*月?\s*(?P<d>\d{1,2})\s*日?\s*$", re.M)
# A date written in a header line without a label (来源:新华社 2020-01-08 14:50).
HEADER_DATE_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
# 2021年06月02日 10:12:25 來源: 新華網: a news page's time stamp (a date with its clock time, alone
# on a header line or before its 来源); a date inside a sentence is an event's, not the page's
HEADER_STAMP_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
                             r"(?=\s*(?:\d{1,2}:\d{2}|$|(?:来源|来自|作者|编辑|发布)))", re.M)
# ——2023年1月12日在市第十八届人民代表大会第三次会议上 / （2023年1月12日）: the date a report or speech
# was given, on its own line under the title (a bare date on its own line is the signature's, found below)
SPEECH_DATE_RE = re.compile(r"^\s*(?=[—\-－─(（]|[^\n]*日\s*在[^\n]{2,60}?上)[—\-－─]*\s*[(（]?\s*"
                            r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
                            r"\s*(?:在[^\n]{2,60}?上[^\n]{0,12}?)?\s*[)）]?\s*$", re.M)
HEADER_LINES, SIGNATURE_LINES = 12, 6
# 杭政函〔2005〕39号 in a document's first lines is its own number, which carries its year; a number
# after a quoted title (《…通知》(国办发〔2003〕13号)) is another document's
DOC_NUMBER_RE = re.compile(r"(?P<no>[\u4e00-\u9fff]{1,8}[〔\[［【](?P<y>(?:19|20)\d{2})[〕\]］】]\s*\d{1,4}\s*号)")
DOC_NUMBER_LINES = 2


def _valid(m: re.Match) -> str | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def document_date(text: str) -> tuple[str | None, str]:
    """The document's date (YYYY-MM-DD) and where it came from, or (None, reason).

    A labelled date in the header (发布时间：2021-05-01) first, then a date alone in a
    header line, then the date under the signature at the end (2021年5月1日 on its own line),
    then a news page's time stamp in the header (2021年06月02日 10:12 来源：…).
    """
    head = text[:3000]
    for m in DATE_RE.finditer(head):
        if date := _valid(m):
            return date, f"{m['label']} in the header"
    lines = [line for line in text.splitlines() if line.strip()]
    for m in HEADER_DATE_RE.finditer("\n".join(lines[:HEADER_LINES])):
        if date := _valid(m):
            return date, "a date in the header lines"
    for m in SPEECH_DATE_RE.finditer("\n".join(lines[:HEADER_LINES])):
        if date := _valid(m):
            return date, "the date the report or speech was given, under its title"
    for m in reversed(list(SIGNATURE_DATE_RE.finditer("\n".join(lines[-SIGNATURE_LINES:])))):
        if date := _valid(m):
            return date, "the date under the signature"
    for m in HEADER_STAMP_RE.finditer("\n".join(line.strip() for line in lines[:HEADER_LINES])):
        if date := _valid(m):
            return date, "a page's time stamp in the header lines"
    first = "\n".join(lines[:DOC_NUMBER_LINES])
    for m in DOC_NUMBER_RE.finditer(first):
        if "》" not in first[max(0, m.start() - 3):m.start()]:
            return m["y"], f"the document's number in its first lines ({m['no']})"
    return None, "no date stated in the header or under the signature"


# “2017·12·29” / 2017.12.29 / 2017-12-29: a date written without 年, a year the text mentions
NUMERIC_DATE_RE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?P<sep>[·.\-/])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?![\d.])")


def numeric_date_years(text: str) -> list[int]:
    return [int(m["y"]) for m in NUMERIC_DATE_RE.finditer(text) if 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31]


def latest_year(text: str, mentions: Iterable[YearMention] | None = None) -> int | None:
    """The latest explicit year the text mentions (a last-resort reference year). ``mentions``: its
    year mentions when they are already found (pipeline.py finds them line by line)."""
    found = find_years(text) if mentions is None else mentions
    years = [y.year for y in found if y.year is not None and y.role not in ("plan", "event") and not y.era]
    years += numeric_date_years(text)
    return max(years) if years else None


# (“十四五”特殊 教育发展提升行动计划: a copied title may hold a blank; …实施方案 is a plan too)
PLAN_TITLE_RE = re.compile(Q + r"十(?P<n>[一二三四五]?)五" + Q + r"(?:[\u4e00-\u9fff]| (?=[\u4e00-\u9fff])){0,16}?"
                           r"(?:规划|计划|方案)")
# 高质量完成“十四五”规划 / 贯彻落实…规划: a text that acts on a plan speaks of it; it is not the plan itself
PLAN_ACTED_ON_RE = re.compile("(?:" + "|".join(map(re.escape, sorted(words("plan_acted_on"), key=len, reverse=True)))
                              + r")[\s“”\"'‘’「」『』]*$")


PLAN_HEADING_MAX_CHARS = 80
PROSE_STOP_RE = re.compile(r"[。；;]")


def plan_of_document(title: str, head: str) -> tuple[int, int] | None:
    """The period of a five-year plan document (…“十四五”教育事业发展规划 → 2021–2025), else None.

    Only the title or the first lines count: a text that merely mentions a plan
    (发展规划司, “十三五”规划确定的目标) is not itself a plan.
    """
    # a heading line is short and ends no sentence: a prose paragraph in the first lines that names a plan (将学前教育纳入
    # “十四五”教育发展规划…, tests/extract/corpus s07) tells of the plan and does not title the document
    first_lines = "\n".join(line for line in head.splitlines()[:6] if line.strip() and
                             len(line.strip()) <= PLAN_HEADING_MAX_CHARS and not PROSE_STOP_RE.search(line))
    for source in (title, first_lines):
        m = next((m for m in PLAN_TITLE_RE.finditer(source) if not PLAN_ACTED_ON_RE.search(source, 0, m.start())), None)
        line_end = source.find("\n", m.end()) if m else -1
        if m and PLAN_REVIEW_RE.search(source, m.end(), line_end if line_end >= 0 else len(source)):
            return None  # …规划中期评估报告 / …规划实施情况的报告: a review of a plan speaks of its years as past
        if m:
            n = _plan_ordinal(m.group("n"))
            if 10 <= n <= 15:
                return plan_period(n)
    return plan_span_of_title(title)


# …实施方案(2014-2020年) / 学前教育三年行动计划（2021—2023年）: a plan's title gives its period; a review of
# one (…行动计划(2011-2013年)实施情况总结) speaks of it and is no plan
PLAN_SPAN_RE = re.compile(r"(?:规划|计划|方案|纲要)\s*[(（]\s*(?P<a>(?:19|20)\d{2})\s*年?\s*[-—–~至到]\s*"
                          r"(?P<b>(?:19|20)\d{2})\s*年?\s*[)）]")
PLAN_REVIEW_RE = re.compile(r"总结|评估|实施情况|完成情况|执行情况|回顾|成效|自查|报告")


def plan_span_of_title(title: str) -> tuple[int, int] | None:
    """The period a plan's title states in brackets after its name, else None."""
    for m in PLAN_SPAN_RE.finditer(title or ""):
        a, b = int(m["a"]), int(m["b"])
        quoted = title.rfind("《", 0, m.start())
        if a < b <= a + 15 and not PLAN_REVIEW_RE.search(title, m.end()) \
                and not (quoted >= 0 and PLAN_ACTED_ON_RE.search(title, 0, quoted)):
            return a, b
    return None
