"""The near-duplicate index finds exactly what comparing every pair of documents finds."""
from __future__ import annotations

import random

import numpy as np

from edueval.extract import dedupe, extract_paths
from edueval.extract.shingle_index import ShingleIndex

PHRASES = ["全市共有各级各类学校", "学前教育毛入园率达到", "九年义务教育巩固率为", "高中阶段毛入学率达到",
           "专任教师", "在校生", "比上年增加", "普惠性幼儿园覆盖率", "小学", "初中", "普通高中", "特殊教育学校"]


def bulletin(rng: random.Random, n: int) -> str:
    return "。".join(f"{rng.choice(PHRASES)}{rng.randint(1, 999)}{rng.choice(PHRASES)}" for _ in range(n)) + "。"


def corpus(seed: int = 7) -> list[str]:
    """Originals, copies with masked digits, copies with a share of their sentences replaced,
    and short texts (shorter than a shingle)."""
    rng = random.Random(seed)
    texts = [bulletin(rng, rng.randint(5, 40)) for _ in range(30)]
    for t in list(texts[:15]):
        texts.append("".join("*" if c.isdigit() and rng.random() < 0.5 else c for c in t))
        sentences = t.split("。")
        keep = rng.uniform(0.3, 1.0)
        texts.append("。".join(s if rng.random() < keep else bulletin(rng, 1) for s in sentences))
    texts += ["", "小学", "2021年"]
    rng.shuffle(texts)
    return texts


def test_the_index_finds_exactly_the_pairs_above_the_threshold():
    prints = [dedupe.shingles(t) for t in corpus()]
    index = ShingleIndex(prints)
    for threshold in (0.3, dedupe.NEAR_DUPLICATE, 0.9):
        for i, part in enumerate(prints):
            every_pair = [(j, dedupe.containment(part, whole)) for j, whole in enumerate(prints)
                          if j != i and dedupe.containment(part, whole) >= threshold]
            assert index.containing(i, threshold) == every_pair
    assert any(index.containing(i) for i in range(len(prints)))  # the corpus has near-duplicates


def _twin(prints: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Other shingles with the same 32-bit keys: high word c, low word b ^ a ^ c for each a:b."""
    high, low = prints >> np.uint64(32), prints & np.uint64(0xFFFF_FFFF)
    other = rng.integers(0, 2**32, len(prints), dtype=np.uint64)
    return np.unique((other << np.uint64(32)) | (low ^ high ^ other))


def test_keys_shared_by_other_shingles_are_not_a_match():
    rng = np.random.default_rng(3)
    a = np.unique(rng.integers(0, 2**63, 500, dtype=np.uint64))
    twin, half = _twin(a, rng), np.concatenate([a[:300], _twin(a[300:], rng)])
    index = ShingleIndex([a, twin, np.unique(half)])
    assert set(dedupe._keys(twin).tolist()) == set(dedupe._keys(a).tolist())  # every key collides
    assert index.containing(0, 0.5) == [(2, 0.6)]  # the twin shares keys, not shingles


def test_the_index_is_the_same_in_chunks_and_from_the_file(monkeypatch):
    prints = [dedupe.shingles(t) for t in corpus(11)]
    whole = ShingleIndex(prints)
    store = dedupe.ShingleStore()
    stored = dedupe.StoredPrints(store, [store.put(p) for p in prints])
    monkeypatch.setattr(dedupe, "_CHUNK", 7)  # runs and owners made across many chunk boundaries
    chunked = ShingleIndex(stored)
    store_copy = [stored[i] for i in range(len(stored))]
    assert all(np.array_equal(p, q) for p, q in zip(prints, store_copy))
    for name in ("keys", "first", "owners"):
        assert np.array_equal(getattr(whole, name), getattr(chunked, name)), name
    assert [whole.containing(i) for i in range(len(prints))] == [chunked.containing(i) for i in range(len(prints))]
    store.close()


def test_containment_of_sorted_shingles():
    a, b = dedupe.shingles("全市共有各级各类学校123所"), dedupe.shingles("全市共有各级各类学校456所，在校生")
    assert list(a) == sorted(set(a.tolist()))
    assert dedupe.containment(a, b) == 1.0
    assert 0 < dedupe.containment(b, a) < 1
    assert dedupe.containment(np.zeros(0, dtype=np.uint64), b) == 0.0


def test_the_masked_copy_gives_way_across_a_folder(tmp_path):
    text = "2021年，崆峒区九年义务教育巩固率达到97.5%。全区共有小学45所，在校生12000人。学前教育毛入园率达到92.3%。"
    (tmp_path / "a_masked.txt").write_text(text.replace("97.5", "9*.*").replace("92.3", "**.3"), encoding="utf-8")
    (tmp_path / "b_plain.txt").write_text(text, encoding="utf-8")
    (tmp_path / "c_other.txt").write_text("2020年，泾川县高中阶段毛入学率达到91.2%。", encoding="utf-8")
    result = extract_paths([tmp_path])
    assert list(result.duplicates["document"]) == [str(tmp_path / "a_masked.txt")]
    assert list(result.duplicates["duplicate_of"]) == [str(tmp_path / "b_plain.txt")]
    assert set(result.table()["document"]) == {str(tmp_path / "b_plain.txt"), str(tmp_path / "c_other.txt")}


def test_two_workers_give_the_serial_result(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from bench_extract import generate

    files = generate(tmp_path, 24, 0.3)
    # a masked mirror of certain (the generator's own depend on its draws from the corpus)
    (tmp_path / "doc_99999.txt").write_text("".join("*" if c.isdigit() and i % 3 == 0 else c for i, c in
                                                    enumerate(files[0].read_text(encoding="utf-8"))), encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    serial, pooled = extract_paths([tmp_path]), extract_paths([tmp_path], workers=2)
    assert len(serial.observations) > 0 and len(serial.duplicates) > 0 and len(files) == 24
    for name in ("observations", "provenance", "documents", "skipped", "duplicates"):
        a, b = getattr(serial, name), getattr(pooled, name)
        assert a.to_csv() == b.to_csv(), name  # byte for byte
    assert serial.errors == pooled.errors and len(serial.errors) == 1


def test_the_corpus_index_cut_in_ranges_and_blocks_finds_exactly_the_pairs_above_the_threshold(monkeypatch):
    prints = [dedupe.shingles(t) for t in corpus(5)]
    reference = ShingleIndex(prints)
    found = []
    # one range and one block; then many ranges of keys and blocks of a few documents
    for pairs, counters in ((dedupe.PAIRS_PER_PART, dedupe.COUNTERS_PER_BLOCK), (40, 3 * len(prints))):
        monkeypatch.setattr(dedupe, "PAIRS_PER_PART", pairs)
        monkeypatch.setattr(dedupe, "COUNTERS_PER_BLOCK", counters)
        monkeypatch.setattr(dedupe, "_CHUNK", 7)  # words swapped and ranks written across chunk boundaries
        for threshold in (0.3, dedupe.NEAR_DUPLICATE, 0.9):
            index = dedupe.CorpusIndex(prints, threshold)
            for i, part in enumerate(prints):
                every_pair = [(j, dedupe.containment(part, whole)) for j, whole in enumerate(prints)
                              if j != i and dedupe.containment(part, whole) >= threshold]
                assert index.containing(i) == every_pair == reference.containing(i, threshold)
            found.append([c.tolist() for c in index.candidates])
    assert found[:3] == found[3:]  # the same candidates, however the index is cut
    assert any(found[1])
