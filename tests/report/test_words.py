"""Every word of the pages lives in one catalogue (report/catalogue/words.csv), in both languages."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from edueval import paths
from edueval.catalog import load_catalog
from edueval.report.i18n import CATALOGUE, LANGS, catalogue, code_key, words

REPORT = paths.PACKAGE_DIR / "report"
TEMPLATES = paths.PACKAGE_DIR / "templates" / "report"
# report code that chooses words (the loader, report/i18n.py, is the only place that reads a language)
WORDING_CODE = [*sorted(p for p in REPORT.glob("*.py") if p.name != "i18n.py"),
                paths.PACKAGE_DIR / "balance" / "section.py", paths.NOTEBOOKS / "report.py"]
# the engine's modules (rendering, page names) still pick a language for file names and titles;
# they hold no reader's words and are not part of this catalogue's contract
ENGINE = {"render.py", "build.py", "pages.py", "command.py", "index_command.py", "fonts.py"}
LANG_TEST = re.compile(r"""lang\s*[!=]=|[!=]=\s*lang\b|["'](zh|en)["']\s*[!=]=|[!=]=\s*["'](zh|en)["']""")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”]")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_key_has_both_languages_with_the_same_placeholders():
    for key, texts in catalogue().items():
        assert all(texts[lang].strip() for lang in LANGS), f"{key}: a language is empty"
        assert _fields(texts["zh"]) == _fields(texts["en"]), f"{key}: placeholders differ between zh and en"


def test_catalogue_is_one_csv_with_unique_keys():
    lines = CATALOGUE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "key,zh,en"
    assert len(catalogue()) == len(lines) - 1


def _literal_keys() -> set[str]:
    keys = set()
    pattern = re.compile(r"""\bw\(\s*["']([a-z_][a-z0-9_.\-]*)["']""")
    for path in [*WORDING_CODE, *TEMPLATES.glob("*.j2")]:
        keys |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_key_the_code_and_templates_use_exists():
    missing = sorted(k for k in _literal_keys() if k not in catalogue() and not k.endswith("."))  # "def." + code: families
    assert not missing, f"keys used but not in {CATALOGUE.name}: {missing}"


def test_every_code_the_data_can_hold_has_a_word():
    from edueval import schema
    from edueval.regions import LEVELS
    from edueval.report.status import ORDER, SCHEDULE

    families = {
        "status": ORDER, "count": ORDER, "region_level": LEVELS, "kind": schema.KINDS,
        "source_kind": schema.SOURCE_KINDS, "level": [lv for lv in schema.SCHOOL_LEVELS if lv != "all"],
        "scope": ("local", "provincial", "national", "standard", "quoted benchmark"),
        "schedule": (*SCHEDULE.values(), "no_plan", "no_base", "no_value_in_period"),
        "issue": ("masked", "conflict", "derived", "extracted_only", "extraction_disagrees", "rejected", "above_100"),
        "rule": ("no_actual", "status_only", "two_point", "ols_scenario", "ols_interval", "ols_interval_policy"),
        "unit": ("%", "years", "pp", "x"), "pace_unit": ("%", "years", "other"),
        "benchmark": ("within", "below", "above"),
    }
    from edueval.balance.standards import INDICATORS

    for i in [*INDICATORS, None]:
        code = i.code if i else "composite"
        families.setdefault("balance.ind", []).append(code)
        families.setdefault("balance.short", []).append(code)
    missing = [code_key(group, code) for group, codes in families.items() for code in codes
               if code_key(group, code) not in catalogue()]
    assert not missing, missing


def test_every_charted_indicator_has_a_definition():
    rates = [c.code for c in load_catalog() if c.unit in ("%", "years", "ratio")]
    assert [c for c in rates if f"def.{c}" not in catalogue()] == []


def test_no_report_code_chooses_a_language_itself():
    offenders = []
    for path in WORDING_CODE:
        if path.name in ENGINE:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LANG_TEST.search(line):
                offenders.append(f"{path.relative_to(paths.ROOT)}:{n}: {line.strip()}")
    assert not offenders, "words chosen by language outside report/i18n.py:\n" + "\n".join(offenders)


def test_templates_hold_no_words_of_their_own():
    found = [f"{p.name}: {m.group(0)}" for p in TEMPLATES.glob("*.j2")
             for m in CJK.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module that are not docstrings."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_report_modules_hold_no_chinese_words():
    """Chinese text belongs in the catalogue. Exceptions: the models' own verdict codes (they
    contain 序时进度) and the balance module's researcher tables, whose Chinese column names
    are the official names of the statistics."""
    from edueval.report.status import SCHEDULE

    found = []
    for path in WORDING_CODE:
        if path.name in ENGINE or path.name == "section.py":
            continue
        found += [f"{path.name}:{n}: {v}" for n, v in _strings(path) if CJK.search(v) and v not in SCHEDULE]
    assert not found, found


def test_unknown_key_fails_loudly():
    with pytest.raises(KeyError, match="no word"):
        words("zh")("no.such.key")


def test_the_loader_reads_a_language_column_and_nothing_else():
    w = words("en")
    assert w("status.achieved") == "achieved" and words("zh")("status.achieved") == "已达成"
    assert w.column({"policy_name_en": "Double Reduction", "policy_name_zh": "双减"}, "policy_name") == "Double Reduction"
    assert w.code("scope", "quoted benchmark") == "benchmark quoted locally"
    assert w.code("unit", "%") == "%" and w.code("nope", "x") == "x"


def test_no_module_is_longer_than_400_lines():
    mine = [*REPORT.glob("*.py"), paths.PACKAGE_DIR / "balance" / "section.py"]
    long = {p.name: n for p in mine if (n := len(Path(p).read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long
