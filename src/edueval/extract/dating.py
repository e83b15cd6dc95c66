"""The year a document speaks of when a sentence names none (its *reference year*).

A bulletin titled 2021年…统计公报 speaks of 2021 though it is published in 2022, so the
title's year comes before the date; 十二五期间 in a title is 2015 (the period's last year,
as edueval/extract/years.py reads it). Then a bulletin's name in the first lines, then the year
news of a bulletin says it reports (…统计公报数据显示，2021年…), then the
document's date (the metadata's, which wins, or the one the text states). A row whose year
comes from here is marked inferred (edueval/extract/pipeline.py, docs/data_contract.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date
from urllib.parse import urlsplit

from ..vocabulary import words
from .years import find_years, plan_span_of_title

TITLE_ROLES = ("point", "period")
DATE_REASON = "the document's date"
# A figure of a year's statistics with no year, in a document dated only by its publication, is of
# the year before: a year's figures come out in the next. Of the dev documents of tests/extract/corpus
# that state the years of their figures and have a date, the latest such year is the date's year less
# one in 38 of 52 (news items: 32 of 35) and the date's own in 4 (docs/extraction.md). The date still
# dates 今年 and 去年, and the years a document's plan or kind decisions compare with.
DATE_LAG = 1
BULLETIN_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年[^\n。]{0,40}?(?:统计公报|发展公报|公报)")
HEAD_LINES = 4
# 统计公报数据显示，2021年，…: news of a bulletin names the bulletin's year after it
BULLETIN_SAYS_RE = re.compile(r"(?:统计公报|发展公报|公报)(?:数据)?(?:显示|表明)\s*[,，:：]?\s*(?P<y>(?:19|20)\d{2})\s*年(?!\d{1,2}月)")
NEWS_HEAD_LINES = 10
# 第七次全国人口普查公报: a census bulletin reports the census year (vocabulary ``census``)
CENSUS_YEARS = {word: int(year) for word, year in words("census").items()}
CENSUS_RE = re.compile("|".join(map(re.escape, sorted(CENSUS_YEARS, key=len, reverse=True))))


# 区教体局2020年工作计划 / 2021年工作要点: a title naming one year's plan of work (vocabulary
# ``year_plan_title``); a summary of the year before beside it (…总结和2020年工作计划) still sets goals
PLAN_OF_WORK = "|".join(map(re.escape, sorted(words("year_plan_title"), key=len, reverse=True)))
# (…重点工作完成情况 reports how the plan went: no plan)
PLAN_DONE = r"(?!\s*(?:的)?(?:完成|落实|进展|执行|推进)情况)"
YEAR_PLAN_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年度?[^\n，。,]{0,12}?(?:" + PLAN_OF_WORK + ")" + PLAN_DONE)


# 2024年崆峒区人民政府工作报告: a government's work report of a year is given at its start, on the year
# before (过去一年) and the plans of its own (not 2022年履行教育职责工作报告, a report on the year it names)
WORK_REPORT_TITLE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年[^\n，。,\d]{0,12}?政府工作报告")
# 二、2024年工作安排 / 今年工作打算: a heading that opens a year's plan of work inside a document
SECTION_PLAN_RE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年|(?P<now>今年|本年度|明年))[^\n，。,]{0,8}?(?:"
                             + PLAN_OF_WORK + ")" + PLAN_DONE)
SECTION_REVIEW_RE = re.compile(r"回顾|成效|总结|过去|成绩|发展基础|现状|基本情况|(?:完成|落实|进展|执行|推进)情况")


def work_report_year(title: str) -> int | None:
    """The year of a government's work report its title names (2024年…政府工作报告 → 2024), else None."""
    m = WORK_REPORT_TITLE_RE.search(title or "")
    return int(m["y"]) if m else None


# 二、发展目标 / 主要目标：…: a plan's section of goals, whose figures are goals of the plan's last year
GOALS_LABEL_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十]+[)）])?\s*"
                            r"(?:主要目标|发展目标|总体目标|具体目标|目标任务|工作目标|主要指标)\s*(?:[:：]|$)")


@dataclass(frozen=True)
class SectionYear:
    """The year a section of a document is about: the year whose plan of work it opens (``goal``), or the
    year it reviews (一、2022年工作回顾: its undated figures are that year's)."""

    year: int
    goal: bool
    heading: str


# 过去的一年 / 上一年: a review of the year before the one the document was written in
LAST_YEAR_RE = re.compile(r"过去(?:的)?一年|上一年|去年")


def _reviewed_year(text: str, written: int | None) -> int | None:
    """The one year a reviewing heading names (一、2022年工作回顾, 过去一年工作回顾 in a report of 2023),
    not after the year the document was written, else None."""
    named = {y.year for y in find_years(text) if y.year is not None}
    if len(named) == 1:
        year = named.pop()
        return year if written is None or year <= written else None
    if not named and written and LAST_YEAR_RE.search(text):
        return written - 1
    return None


def section_years(paragraphs: list[tuple[str, bool]], written: int | None,
                  plan_end: int | None = None) -> list[SectionYear | None]:
    """For each paragraph (its text, and whether it is a heading), the year of the section it stands in, else
    None. A heading that opens a year's plan of work (二、2024年工作安排) makes its figures that year's goals;
    in a plan ending in ``plan_end`` a section of goals (二、发展目标, or a paragraph opening on 主要目标：)
    opens on that year. A heading that reviews one year (一、2023年工作回顾) dates its section's undated
    figures to that year. A section ends at the next heading that reviews or opens a plan, or at a top
    heading (一、 二、) when a top heading opened it."""
    out: list[SectionYear | None] = []
    current: SectionYear | None = None
    opened_by_top = False
    for text, heading in paragraphs:
        mark = TOP_HEADING_RE.match(text)
        if plan_end and GOALS_LABEL_RE.match(text):
            current, opened_by_top = SectionYear(plan_end, True, text), mark is not None
        elif heading:
            m = SECTION_PLAN_RE.search(text)
            if m and not SECTION_REVIEW_RE.search(text):
                year = int(m["y"]) if m["y"] else (written + (1 if m["now"] == "明年" else 0) if written else None)
                keep = year and (written is None or year >= written)
                current = SectionYear(year, True, text) if keep else None
                opened_by_top = mark is not None
            elif SECTION_REVIEW_RE.search(text):
                year = _reviewed_year(text, written)
                current = SectionYear(year, False, text) if year else None
                opened_by_top = mark is not None
            elif mark and opened_by_top:
                current = None
        out.append(current)
    return out


# 一、 / 二、: a top heading's mark; (一) and 1. are headings below it
TOP_HEADING_RE = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")


def goal_year(title: str, date: str | None) -> tuple[int | None, str]:
    """(year, how) of the goals a document sets out, by its title: the year of a year's work plan
    (…2020年工作计划, not before the year it was written), or a year after the document was written that
    the title reaches to (四川教育“十三五”规划公布 到2020年建成… on a page of 2017); (None, "") otherwise.
    A figure the text does not date is then that year's goal (statements.py resolve_year)."""
    written = int(date[:4]) if date and date[:4].isdigit() else None
    for m in YEAR_PLAN_RE.finditer(title or ""):
        if written is None or int(m["y"]) >= written:
            return int(m["y"]), f"the year's plan of work the title names ({m.group()})"
    if written:
        for year in find_years(title or ""):
            if year.role == "to" and year.year and year.year > written:
                return year.year, f"the year the title reaches to, after the document was written ({year.year})"
    return None, ""


# A page's address often carries its publication date (gov.cn's …/202506/t20250627_9266565.html,
# …/2021-05/01/…, …/2016062409595282743.htm): a date of the page, not of its figures, so it
# stands where a stated date would, last (edueval/extract/pipeline.py load_document).
_MONTH, _DAY = r"(?P<m>0[1-9]|1[0-2])", r"(?P<d>0[1-9]|[12]\d|3[01])"
URL_DATE_PATTERNS = (
    re.compile(rf"(?<![0-9a-z])t?(?P<y>(?:19|20)\d{{2}})[-_]?{_MONTH}[-_]?{_DAY}(?=[_./-]|\d{{4,}}|$)"),
    re.compile(rf"/(?P<y>(?:19|20)\d{{2}})/{_MONTH}{_DAY}(?=/)"),
    # 浙江's government sites: …/art/2024/2/9/art_1229210631_58963403.html (month and day unpadded)
    re.compile(r"/art/(?P<y>(?:19|20)\d{2})/(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?=/)"),
    re.compile(rf"/(?P<y>(?:19|20)\d{{2}})[-/]?{_MONTH}(?=/)"),
)


def date_from_url(url: str | None) -> str | None:
    """The publication date a page's address shows (YYYY-MM-DD or YYYY-MM), or None.

    Only the path and query are read (a host name's digits are no date), and only years up
    to this one: 2024/09/16 is read, an id such as 240916 (two-digit year) is not."""
    if not url:
        return None
    parts = urlsplit(url)
    where = (parts.path + ("?" + parts.query if parts.query else "")).lower()
    for pattern in URL_DATE_PATTERNS:
        for m in pattern.finditer(where):
            if not 1990 <= int(m["y"]) <= _date.today().year:
                continue
            day = m.groupdict().get("d")
            if day:
                try:
                    _date(int(m["y"]), int(m["m"]), int(day))
                except ValueError:
                    continue
                return f"{m['y']}-{int(m['m']):02d}-{int(day):02d}"
            return f"{m['y']}-{int(m['m']):02d}"
    return None


def reference_year(title: str, text: str, date: str | None) -> tuple[int | None, str]:
    """(year, where it came from); (None, why) when the document gives none."""
    span = plan_span_of_title(title or "")
    if (report := work_report_year(title)) is not None:
        return report - 1, f"the year a work report of {report} reviews ({report - 1})"
    for year in find_years(title or ""):
        # a plan's period (…行动计划(2021—2023年)) is no year its figures are of: its last year is its goal's
        if span and year.span_from == span[0] and year.year == span[1]:
            continue
        if date and year.year is not None and year.year > int(date[:4]):
            # “十四五”期间陕西教育怎么干? 到2025年… on a page of 2022: a title's year after the document
            # was written is a goal's, not the year its figures are of (tests/extract/corpus yb01)
            continue
        if year.year is not None and year.role in TITLE_ROLES:
            return year.year, f"the title's year ({year.year})"
    head = "\n".join([line for line in text.splitlines() if line.strip()][:HEAD_LINES])
    m = BULLETIN_RE.search(head)
    if m:
        return int(m["y"]), f"the bulletin's year in the first lines ({m['y']})"
    lead = "\n".join([line for line in text.splitlines() if line.strip()][:NEWS_HEAD_LINES])
    m = BULLETIN_SAYS_RE.search(lead)
    if m:
        return int(m["y"]), f"the year a bulletin is said to report in the first lines ({m['y']})"
    m = CENSUS_RE.search(title or "") or CENSUS_RE.search(head)
    if m:
        return CENSUS_YEARS[m.group()], f"the census the title or the first lines name ({m.group()})"
    if date:
        return int(date[:4]), f"{DATE_REASON} ({date})"
    return None, "no year in the title, the first lines or the date"
