"""The extractor's vocabulary, read from reference/vocabulary.csv: the documents' words, shared by the extractor
(src/edueval/extract/) and the curated-table reader (src/edueval/raw.py).

One file holds every word the rules look for (school levels, school and person
nouns, extra indicator names, cue words, qualifier words, units), so that a new
phrasing is a new line of data, not a new branch of code.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

VOCABULARY = Path(__file__).with_name("reference") / "vocabulary.csv"
SECTIONS = ("level", "school_noun", "person_noun", "indicator", "cue_target", "cue_benchmark", "cue_change",
            "qualifier_before", "qualifier_after", "reach", "unit", "multiplier", "subset", "flow",
            "table_header", "level_guard", "rate_stem", "cue_target_after", "venue", "era", "stock_verb", "stage_of_gross_rate", "relative_year",
            "yardstick", "total_marker", "each", "stock_lead", "other_scope", "event_verb", "back_reference",
            "place_comparison", "site_banner", "held_level", "still_needed", "section_school_noun",
            "unlevelled_school", "plan_acted_on",
            "cue_future", "spam_after_place", "average", "census", "levelled_person_noun", "byline", "scope_pronoun",
            "word_over_place", "sub_area", "now_word", "year_plan_title", "plan_attribute", "year_column_word", "local_body",
            "spending_subject", "other_subject",
            "table_header_alias", "media_after_place", "zone_after_place", "count_ceiling", "not_school_stem")


class VocabularyError(ValueError):
    pass


@lru_cache(maxsize=1)
def _load(path: Path = VOCABULARY) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {s: {} for s in SECTIONS}
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            section, word = (row.get("section") or "").strip(), row.get("word") or ""
            if section not in out:
                raise VocabularyError(f"{path} line {line}: unknown section {section!r}")
            if not word.strip():
                raise VocabularyError(f"{path} line {line}: empty word")
            if word in out[section]:
                raise VocabularyError(f"{path} line {line}: {word!r} listed twice in {section}")
            out[section][word] = (row.get("value") or "").strip()
    return out


def words(section: str) -> dict[str, str]:
    """word → value of one section, in file order (a copy: callers may not change the data)."""
    return dict(_load()[section])


def longest_first(section: str) -> list[str]:
    return sorted(_load()[section], key=len, reverse=True)
