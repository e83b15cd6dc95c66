"""Files in, observation rows out: ``extract_paths``.

Each file is read, normalised, split into paragraphs and sentences, and every
sentence goes through the statement rules. Rows repeated within a document are
kept once; passages shared with a less-masked document are dropped. A file that
fails yields one message in ``errors`` and the batch carries on.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pandas as pd

from ..catalog import load_catalog
from ..vocabulary import longest_first
from . import dedupe
from .dating import (
    DATE_LAG,
    DATE_REASON,
    date_from_url,
    goal_year,
    reference_year,
    section_years,
    work_report_year,
)
from .dedupe import drop_shared_passages as _drop_shared_passages
from .dedupe import empty_duplicates as _empty_duplicates
from .document_rows import (
    DocumentRows,
    Frames,
    RowChunk,
    RowSpill,
    chunks,
    held_frame,
    observations_frame,
    provenance_frame,
    pseudo_regions_frame,
    rows_by_document,
    rows_of,
    skipped_frame,
    with_provenance,
)
from .held import set_aside_frame
from .metadata import DocumentMeta, for_document, is_metadata_file
from .normalize import NormalizedText, normalize
from .read import MAX_BYTES, SUPPORTED, DocumentError, read_document, time_limit
from .regions import RegionDecision, resolve_document_region
from .rules_tables import rule_tables
from .statements import EARLY_MONTHS, Candidate, DocContext, Paragraph, SentenceRules, Skip
from .tokens import NUM_RE
from .years import document_date, find_years, latest_year, plan_of_document

SENTENCE_END = re.compile(r"[。！？!?]+|(?<=%)[oO](?=[\u4e00-\u9fff])")
BULLETS = ("——", "—", "-", "•", "·", "▪", "●")
LABEL_LINE = re.compile(r"索引号|发布机构|发布时间|发布日期|来源[:：]|上传人|文档编号|分享到|字体")
# Lines that are not a title: breadcrumbs (网 > 新闻 > 正文), menus (今日柳州 今日柳江 …) and
# spam keyword lists (一区二区|在线|…) that mirrored pages carry above the real title.
# breadcrumbs, menus, word lists, and lines stating a rate (body text, not a title)
SITE_BANNER_ENDS = tuple(longest_first("site_banner"))
# 文_贵州日报当代融媒体记者 / 蒋洪飞: a news item's byline names its writer and paper, not its subject
BYLINE_RE = re.compile("|".join(map(re.escape, longest_first("byline"))))
BANNER_MAX_CHARS = 24
# a line of body text with figures: a sentence ends inside it, or it runs on past a title's length
# through commas (截至2022年末,宁波市共有…1028所…。根据…); a speech's 【提纲】一、… line has none
# a line of prose is no title: one holding a number and a full stop or a long run of clauses, or one long
# sentence of clauses (近年来,我市深入学习贯彻…。, tests/extract/corpus zp08; a speech's outline of many
# short sentences, 【提纲】一、….二、…., stays its title)
PROSE_LINE = re.compile(r"^(?:(?=.*\d)(?:.*。.|(?=.{60,}).*[,，])|(?=.{60,})[^。]*[,，][^。]*。$)")
NOT_TITLE = re.compile(r"[>＞]|[|｜_].*[|｜_]|(?:\S+\s+){3,}\S+|\d\s*[%％]")


@dataclass
class Document:
    path: Path
    source_id: str
    norm: NormalizedText
    title: str
    date: str | None
    date_reason: str
    region: RegionDecision
    plan: tuple[int, int] | None
    reference_year: int | None
    reference_reason: str
    goal_year: int | None
    goal_reason: str
    meta: DocumentMeta | None
    format: str
    encoding: str | None
    candidates: list[Candidate] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    latest_year: int | None = None  # the latest year the text mentions (set by extract_document)


@dataclass
class ExtractionResult:
    observations: pd.DataFrame  # exactly schema.COLUMNS; source_id = the document id
    provenance: pd.DataFrame  # same index as observations
    errors: list[str]
    documents: pd.DataFrame  # one row per document read
    skipped: pd.DataFrame  # numbers seen but not turned into rows, with the reason; rows held back for review
    duplicates: pd.DataFrame  # rows dropped as passages of a better copy
    pseudo_regions: pd.DataFrame  # registry rows for pseudo-codes minted here

    def table(self) -> pd.DataFrame:
        """Observations with their provenance beside them (for review and output)."""
        return with_provenance(self.observations, self.provenance)


def source_id_for(path: Path, digest: bytes) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:24].strip("-") or "file"
    return f"doc-{slug}-{digest.hex()[:8]}"


def _site_banner(line: str) -> bool:
    """曲靖市人民政府网 / 甘肃省教育厅 新闻: a web page's banner above its title names the site's
    owner, not the document (a county's page on its city's portal); vocabulary ``site_banner``."""
    return len(line) <= BANNER_MAX_CHARS and line.rstrip().endswith(SITE_BANNER_ENDS)


# 崇信县 / 中国甘肃省平凉市下辖县: an encyclopedia entry's headword, a place's name, above the line that
# tells where the place lies; the headword is the title (the line under it names the place's parents)
HEADWORD_RE = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:省|市|区|县|州|旗|盟)(?:\s*[-_–—|]\s*\S{2,8}百科)?")
PLACE_SUBTITLE_RE = re.compile(r"^(?:中国)?[\u4e00-\u9fff]{2,20}(?:下辖|所辖|辖)[\u4e00-\u9fff]{0,4}(?:县|区|市|旗)$")


def _title(text: str) -> str:
    m = re.search(r"信息名称\s*[:：]?\s*(\S[^\n]*)", text[:3000])
    if m:
        return m.group(1).strip()[:80]
    first = [line.strip() for line in text.splitlines()[:30] if line.strip()][:2]
    if len(first) == 2 and HEADWORD_RE.fullmatch(first[0]) and PLACE_SUBTITLE_RE.match(first[1]):
        return first[0]
    for line in text.splitlines()[:30]:
        line = line.strip()
        if sum("\u4e00" <= c <= "\u9fff" for c in line) >= 6 and not LABEL_LINE.search(line) \
                and not NOT_TITLE.search(line) and not _site_banner(line) and not PROSE_LINE.search(line) \
                and not (len(line) <= BANNER_MAX_CHARS and BYLINE_RE.search(line)):
            return line[:80]
    return ""


def _paragraphs(text: str) -> list[Paragraph]:
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            heading = len(stripped) <= 40 and "。" not in stripped
            bullet = stripped.startswith(BULLETS)
            out.append(Paragraph(pos + lead, stripped, heading, bullet, tuple(find_years(stripped))))
        pos += len(line) + 1
    return out


def load_document(path: Path, region: str | DocumentMeta | None, max_bytes: int = MAX_BYTES) -> Document:
    """Read and normalise one document and tell its title, date, reference year and region.

    ``region`` is a region code or name, or metadata (DocumentMeta) whose region, date and
    title win over what the text says; without it the metadata beside the file is read
    (edueval/extract/metadata.py)."""
    meta = region if isinstance(region, DocumentMeta) else None
    given = meta.region if meta else region
    beside = for_document(path)
    meta = meta.merged(beside) if meta else beside
    if given is None and meta is not None:
        given = meta.region
    raw = read_document(path, max_bytes=max_bytes)
    norm = normalize(raw.text)
    title = _title(norm.text)
    date, date_reason = document_date(norm.text)
    if meta is not None and meta.date:
        date, date_reason = meta.date, f"the metadata ({meta.origin})"
    elif date is None and meta is not None and (from_url := date_from_url(meta.url)):
        date, date_reason = from_url, f"the date in the page's address ({meta.url})"
    by = meta.region_source() if meta is not None and meta.region and given == meta.region else "the user"
    # the metadata's title first, then the one the text shows (a mirror's may be spam)
    titles = "\n".join(dict.fromkeys(t for t in (meta.title if meta else None, title) if t))
    decision = resolve_document_region(titles, norm.text, given, given_by=by,
                                       publisher=meta.publisher if meta is not None else None)
    plan = plan_of_document(title, norm.text[:600])
    year, year_reason = reference_year(titles, norm.text, date)
    goal, goal_reason = goal_year(titles, date)
    return Document(path=path, source_id=source_id_for(path, raw.digest), norm=norm, title=title, date=date,
                    date_reason=date_reason, region=decision, plan=plan, reference_year=year,
                    reference_reason=year_reason, goal_year=goal, goal_reason=goal_reason, meta=meta,
                    format=raw.format, encoding=raw.encoding)


def extract_document(doc: Document) -> None:
    text = doc.norm.text
    paragraphs = _paragraphs(text)
    doc.latest_year = latest_year(text, (y for para in paragraphs for y in para.years))
    written = int(doc.date[:4]) if doc.date and doc.date[:4].isdigit() else None
    month = int(doc.date[5:7]) if written and len(doc.date) >= 7 and doc.date[5:7].isdigit() else None
    # a work report of 2024 with no date was written in 2024: its 今年 is 2024
    written = written or work_report_year(doc.title)
    sections = section_years([(p.text, p.heading) for p in paragraphs], written, doc.plan[1] if doc.plan else None)
    ctx = DocContext(text=text, region=doc.region, date_year=doc.reference_year, writing_year=written,
                     writing_month=month, goal_year=doc.goal_year, goal_reason=doc.goal_reason,
                     section_years=tuple(sections), plan=doc.plan, latest_year=doc.latest_year,
                     paragraphs=paragraphs)
    found, skips, tables = rule_tables(ctx, SentenceRules)
    doc.candidates.extend(found)
    doc.skips.extend(skips)
    for i, para in enumerate(paragraphs):
        if i in tables or not any(c.isdigit() or c in "*百十" for c in para.text):
            continue
        start = 0
        for m in [*SENTENCE_END.finditer(para.text), None]:
            end = m.end() if m else len(para.text)
            # a sentence without a number token gives no row and no skip (SentenceRules.run):
            # its years and mentions need not be looked for
            if end > start and NUM_RE.search(para.text[start:end]):
                found, skips = SentenceRules(ctx, i, para.start + start, para.start + end).run()
                doc.candidates.extend(found)
                doc.skips.extend(skips)
            start = end
    if doc.reference_reason.startswith(DATE_REASON):
        _date_lag(doc.candidates, month)
    doc.candidates = _dedupe_within(doc.candidates)


DATED_BY_DATE = f"{DATE_REASON} (fallback)"
PREVIOUS_YEAR_BASE = "base year = previous year"  # statements.SentenceRules.base_year's reason


def _date_lag(candidates: list[Candidate], month: int | None = None) -> None:
    """A figure of a year's statistics with no year in a document dated only by its publication is
    of the year before (dating.DATE_LAG); a change on the year before (比上年) keeps its distance to its
    base, a base written as a year or counted from the date (比2012年, 比十年前) stays. Exam results
    and a programme's take-up are reported in their own year (the catalog's ``reported``), but exam
    results in a document written in ``month`` up to statements.EARLY_MONTHS, before the gaokao, are
    the year before's."""
    catalog = load_catalog()
    before_exams = month is not None and month <= EARLY_MONTHS
    for c in candidates:
        if not c.year_fallback or c.year is None or c.kind not in ("actual", "change") \
                or not any(r.endswith(DATED_BY_DATE) for r in c.reasons):
            continue
        entry = catalog[c.indicator]
        if entry.reported != "next_year" and not (before_exams and entry.group == "exam"):
            continue
        c.year -= DATE_LAG
        if c.base_year is not None and any(r.startswith(PREVIOUS_YEAR_BASE) for r in c.reasons):
            c.base_year -= DATE_LAG  # 比上年: the year before the figure's; 比2012年 / 比十年前 stay as written
        c.reasons.append(f"year {c.year}: the year before the document's date, a year's figures coming out "
                         "in the next")


def _row_key(c: Candidate) -> tuple:
    value = None if c.value is None else round(c.value, 6)
    return (c.region_code, c.indicator, c.school_level, c.year, c.kind, c.applies_to, c.base_year,
            value, c.status, c.unit)


def _dedupe_within(cands: list[Candidate]) -> list[Candidate]:
    kept: dict[tuple, Candidate] = {}
    for c in cands:
        key = _row_key(c)
        if key in kept:
            first = kept[key]
            first.reasons.append(f"repeated at normalised offset {c.start}")
            if first.qualifier == "=" and c.qualifier != "=":
                first.qualifier = c.qualifier
            continue
        kept[key] = c
    # a headline repeating a figure without its year: the copy with a stated year wins
    stated = {_row_key(c)[:3] + _row_key(c)[4:] for c in kept.values() if not c.year_fallback}
    return [c for c in kept.values() if not (c.year_fallback and _row_key(c)[:3] + _row_key(c)[4:] in stated)]


def _expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    from ..inputs import input_files

    files, errors = [], []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            # the listing make fingerprints (edueval/inputs.py): symlinks leading out of the folder,
            # FIFOs and names past PATH_MAX are one message each, never read
            found, skipped = input_files(p, tuple(sorted(SUPPORTED)), recursive=True)
            errors.extend(skipped)
            if not found and not skipped:
                errors.append(f"{p}: folder holds no .txt .md .html .docx or .pdf files")
            files.extend(sorted(found))
        elif p.exists():
            files.append(p)
        else:
            errors.append(f"{p}: no such file or folder")
    return files, errors


def _region_for(path: Path, region: str | Mapping[str, str | DocumentMeta] | None) -> str | DocumentMeta | None:
    if region is None or isinstance(region, str):
        return region
    for key in (str(path), path.name, path.stem):
        if key in region:
            return region[key]
    return getattr(region, "default", None)


class _Given(dict):
    """File keys → region or metadata, and the region of every other file (``default``)."""

    default: str | None = None


def _with_metadata(region: str | Mapping[str, str] | None,
                   metadata: Mapping[str, DocumentMeta]) -> _Given:
    """One mapping from file keys to what load_document is given: the metadata, with the
    region of ``region`` (the user's) winning over the metadata's."""
    out = _Given()
    out.default = region if isinstance(region, str) else None
    for key, meta in metadata.items():
        given = _region_for(Path(key), region)
        out[key] = replace(meta, region=given, region_by="the user") if isinstance(given, str) else meta
    if isinstance(region, Mapping):
        out.update({k: v for k, v in region.items() if k not in out})
    return out


def extract_paths(paths: Iterable[str | Path] | str | Path, region: str | Mapping[str, str] | None = None,
                  *, drop_near_duplicates: bool = True, max_bytes: int = MAX_BYTES,
                  metadata: Mapping[str, DocumentMeta] | None = None, workers: int = 1) -> ExtractionResult:
    """Extract observation rows from files and folders.

    ``region`` is a region code or name for every document, or a mapping from a
    file's path, name or stem to one; documents without one are resolved from
    their metadata or text (or are set aside for review). ``metadata`` maps a file's
    path, name or stem to what is known of it (edueval/extract/metadata.py); files of
    metadata (documents.csv, *.meta.yml) in the folders are read with their documents,
    never as documents. ``workers`` > 1 reads the documents in that many processes; the
    result is the same as with one.
    """
    with extraction(paths, region, drop_near_duplicates=drop_near_duplicates, max_bytes=max_bytes,
                    metadata=metadata, workers=workers) as done:
        return _assemble(done.parts, done.errors, done.duplicates, done.spill)


@dataclass
class Extraction:
    """The documents read, their rows still in the spill: made into tables whole
    (``extract_paths``) or a chunk at a time (``chunks``, the stage's streaming path)."""

    parts: list[DocumentRows]
    errors: list[str]
    duplicates: pd.DataFrame
    spill: RowSpill

    def chunks(self, rows: int | None = None) -> Iterator[RowChunk]:
        """The rows of consecutive documents, about ``rows`` at a time (document_rows.chunks)."""
        return chunks(self.parts, self.spill, rows)

    @cached_property
    def documents(self) -> pd.DataFrame:
        """One row per document read (ExtractionResult.documents)."""
        return pd.DataFrame([part.document for part in self.parts])

    @property
    def pseudo_regions(self) -> pd.DataFrame:
        return pseudo_regions_frame(self.parts)


@contextmanager
def extraction(paths: Iterable[str | Path] | str | Path, region: str | Mapping[str, str] | None = None,
               *, drop_near_duplicates: bool = True, max_bytes: int = MAX_BYTES,
               metadata: Mapping[str, DocumentMeta] | None = None, workers: int = 1) -> Iterator[Extraction]:
    """The documents of ``paths`` read and checked for near-duplicates (extract_paths' arguments),
    their rows in a temporary file until the block ends."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if metadata:
        region = _with_metadata(region, metadata)
    files, errors = _expand(paths)
    files = [f for f in files if not is_metadata_file(f)]
    parts: list[DocumentRows] = []
    # each document's shingles and rows go to files as it arrives: memory holds a few numbers
    # and its documents-table row a document until the tables are made
    store = dedupe.ShingleStore() if drop_near_duplicates else None
    spill = RowSpill()

    def take(outcome: DocumentRows | str) -> None:
        if isinstance(outcome, str):
            errors.append(outcome)
            return
        if store is not None:
            store.keep(outcome)
        spill.keep(outcome)
        parts.append(outcome)

    jobs = [(path, _region_for(path, region), max_bytes, drop_near_duplicates) for path in files]
    try:
        if workers > 1 and len(jobs) > 1:
            from concurrent.futures import ProcessPoolExecutor

            # documents are independent until the near-duplicate check: read them in parallel,
            # and take the results in the order of the files, so the output is the serial one
            with ProcessPoolExecutor(max_workers=workers) as pool:
                outcomes = pool.map(_read_and_extract, jobs, chunksize=max(1, min(16, len(jobs) // (4 * workers))))
                for outcome in outcomes:
                    take(outcome)
        else:
            for job in jobs:
                take(_read_and_extract(job))
        duplicates = _drop_shared_passages(parts, store) if store is not None else _empty_duplicates()
        if store is not None:
            store.close()  # the shingles are not needed for the tables
            store = None
        yield Extraction(parts, errors, duplicates, spill)
    finally:
        if store is not None:
            store.close()
        spill.close()


def _read_and_extract(job: tuple[Path, str | None, int, bool]) -> DocumentRows | str:
    """One document's rows (its text released), or the message saying why it has none."""
    path, region, max_bytes, near_duplicates = job
    try:
        with time_limit(path):
            doc = load_document(path, region, max_bytes=max_bytes)
            extract_document(doc)
    except DocumentError as exc:
        return str(exc)
    except ValueError as exc:  # e.g. an unknown --region
        return f"{path}: {exc}"
    return rows_of(doc, near_duplicates)


def _assemble(parts: list[DocumentRows], errors: list[str], duplicates: pd.DataFrame,
              spill: RowSpill) -> ExtractionResult:
    observations = Frames(observations_frame)
    provenance = Frames(provenance_frame)
    skipped = Frames(skipped_frame)
    held = Frames(held_frame)
    for proposed, held_rows, found in rows_by_document(parts, spill):
        held.add(held_rows)
        observations.add([row for row, _ in proposed])
        provenance.add([prov for _, prov in proposed])
        skipped.add(found)
    set_aside = set_aside_frame(pd.concat([skipped.frame(), held.frame()], ignore_index=True))
    return ExtractionResult(
        observations=observations.frame(), provenance=provenance.frame(), errors=errors,
        documents=pd.DataFrame([part.document for part in parts]), skipped=set_aside,
        duplicates=duplicates, pseudo_regions=pseudo_regions_frame(parts),
    )
