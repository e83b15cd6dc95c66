"""How much of the extraction survives the noise real copies of a document carry.

Each development document of the corpus (tests/extract/corpus, never the test part) is
extracted as it is and again after one perturbation of the kind the stored pages show:

- ``traditional``: the text in Traditional characters (OpenCC s2t), as a mirror site gives it;
- ``fullwidth``: digits, % and commas in their full-width forms;
- ``romanised``: pinyin in brackets after some characters (學(xué)), a mirror's habit;
- ``wrapped``: prose paragraphs broken at a page's measure (56–84 columns), as a PDF's text layer
  gives them, table rows left whole;
- ``spaced``: a space between some characters of a prose line (a PDF's justified line);
- ``spam``: spam phrases (gambling adverts, source lines, markup) after some sentences.

For each it prints the share of the clean rows found again (same indicator, level, year,
kind, value and region) and the rows that appear only in the noisy copy. These measure
invariance, not accuracy: the clean rows are the extractor's own, on documents its rules
were tuned on (docs/extraction.md gives the accuracy figures).

    .venv/bin/python benchmarks/bench_robustness.py [--kinds wrapped,spaced] [--docs a01.txt ...]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

from edueval.extract.corpus_scoring import CORPUS, corpus_metadata, load_documents
from edueval.extract.pipeline import extract_paths

KEY = ["indicator", "school_level", "year", "kind", "value", "region_code"]
SPAM = ("【澳门新葡京】", "(来源:中国网)", "★★推荐★★", "&nbsp;", "【更多资讯请关注微信公众号】", "<br>")
FULL_WIDTH = str.maketrans("0123456789.%,", "０１２３４５６７８９．％，")


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def traditional(text: str, rng: random.Random) -> str:
    from opencc import OpenCC

    return OpenCC("s2t").convert(text)


def fullwidth(text: str, rng: random.Random) -> str:
    return text.translate(FULL_WIDTH)


def romanised(text: str, rng: random.Random) -> str:
    from pypinyin import Style, lazy_pinyin

    def one(m: re.Match) -> str:
        return m.group() + f"({lazy_pinyin(m.group(), style=Style.TONE)[0]})" if rng.random() < 0.08 else m.group()
    return re.sub(r"[\u4e00-\u9fff]", one, text)


def wrapped(text: str, rng: random.Random) -> str:
    measure = rng.randint(56, 84)
    out = []
    for line in text.split("\n"):
        if "。" not in line or sum(map(_width, line)) <= measure:
            out.append(line)
            continue
        piece, width = "", 0
        for ch in line:
            if width + _width(ch) > measure:
                out.append(piece)
                piece, width = "", 0
            piece, width = piece + ch, width + _width(ch)
        out.append(piece)
    return "\n".join(out)


def spaced(text: str, rng: random.Random) -> str:
    def line_of(line: str) -> str:
        if not re.search("[，。]", line):
            return line
        return re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", lambda m: " " if rng.random() < 0.15 else "", line)
    return "\n".join(map(line_of, text.split("\n")))


def spam(text: str, rng: random.Random) -> str:
    return re.sub("。", lambda m: "。" + (rng.choice(SPAM) if rng.random() < 0.4 else ""), text)


PERTURBATIONS = {f.__name__: f for f in (traditional, fullwidth, romanised, wrapped, spaced, spam)}


def _rows(path: Path, meta) -> set[tuple]:
    table = extract_paths([path], drop_near_duplicates=False, metadata=meta).table()
    return set(map(tuple, table[KEY].astype(str).values.tolist()))


def measure(kind: str, names: list[str], documents, scratch: Path) -> dict:
    perturb = PERTURBATIONS[kind]
    kept = total = new = 0
    worst = []
    for name in names:
        meta = corpus_metadata(documents[documents["doc"] == name])
        clean = _rows(CORPUS / "docs" / name, meta)
        copy = scratch / name
        copy.write_text(perturb((CORPUS / "docs" / name).read_text(encoding="utf-8"), random.Random(name)),
                        encoding="utf-8")
        noisy = _rows(copy, meta)
        kept, total, new = kept + len(clean & noisy), total + len(clean), new + len(noisy - clean)
        if clean != noisy:
            worst.append((len(clean - noisy), len(noisy - clean), name))
    return {"perturbation": kind, "clean rows": total, "kept": kept, "share kept": kept / total if total else 1.0,
            "new rows": new, "documents that change": len(worst),
            "most lost (lost, new, doc)": sorted(worst, reverse=True)[:3]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(PERTURBATIONS))
    parser.add_argument("--docs", nargs="*", help="development documents (default: all of them)")
    args = parser.parse_args(argv)
    documents = load_documents()
    dev = documents[documents["split"] == "dev"]
    names = args.docs or sorted(dev["doc"])
    outside = sorted(set(names) - set(dev["doc"]))
    if outside:
        print(f"not development documents (the test part is never perturbed here): {outside}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        for kind in args.kinds.split(","):
            result = measure(kind, names, dev, Path(scratch))
            print(f"{kind:12} kept {result['kept']}/{result['clean rows']} = {result['share kept']:.3f}, "
                  f"new {result['new rows']}, documents changed {result['documents that change']}, "
                  f"most lost {result['most lost (lost, new, doc)']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
