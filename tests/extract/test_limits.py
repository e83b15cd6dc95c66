"""Limits on what the extractor reads: zip members checked before inflating, a time cap per
document, and exactly the files edueval/inputs.py lists (no symlink out of the folder)."""
from __future__ import annotations

import io
import os
import time
import zipfile

import pytest

from edueval.extract import extract_paths
from edueval.extract.read import DOCX_MAX_INFLATED, DocumentError, read_document, time_limit

GOOD = "2021年，崆峒区九年义务教育巩固率达到97.5%。"


def docx(text: str) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def inflated_docx(path, mib: int) -> None:
    """A valid .docx whose document.xml declares ``mib`` MiB (streamed, never held)."""
    source = zipfile.ZipFile(io.BytesIO(docx(GOOD)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "word/document.xml":
                z.writestr(info, data)
                continue
            head, tail = data.split(b"</w:body>")
            with z.open("word/document.xml", "w", force_zip64=True) as fh:
                fh.write(head)
                chunk = b"<w:p><w:r><w:t>" + "教".encode() * 20_000 + b"</w:t></w:r></w:p>"
                for _ in range(mib * 2**20 // len(chunk)):
                    fh.write(chunk)
                fh.write(b"</w:body>" + tail)


def test_a_docx_inflating_past_the_limit_is_refused_before_it_is_read(tmp_path):
    bomb = tmp_path / "bomb.docx"
    inflated_docx(bomb, DOCX_MAX_INFLATED // 2**20 + 8)
    start = time.perf_counter()
    with pytest.raises(DocumentError, match=r"bomb\.docx: .*(MiB|fold)"):
        read_document(bomb)
    assert time.perf_counter() - start < 5  # nothing was inflated


def test_a_bomb_fails_alone_and_the_batch_goes_on(tmp_path):
    inflated_docx(tmp_path / "bomb.docx", DOCX_MAX_INFLATED // 2**20 + 8)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = extract_paths([tmp_path])
    assert len(result.errors) == 1 and "bomb.docx" in result.errors[0]
    assert list(result.observations["value"]) == [97.5]


def test_an_ordinary_docx_is_still_read(tmp_path):
    path = tmp_path / "plain.docx"
    path.write_bytes(docx(GOOD))
    assert "97.5%" in read_document(path).text


def test_the_time_limit_stops_a_block_and_names_the_file(tmp_path):
    start = time.perf_counter()
    with pytest.raises(DocumentError, match=r"slow\.txt: took longer than 0\.2 s"):
        with time_limit(tmp_path / "slow.txt", 0.2):
            while True:
                pass
    assert time.perf_counter() - start < 2


def test_the_time_limit_is_lifted_after_the_block(tmp_path):
    with time_limit(tmp_path / "quick.txt", 0.2):
        pass
    time.sleep(0.3)  # no alarm left behind


def test_a_symlink_leading_out_of_the_folder_is_one_message_and_not_read(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("2021年，崆峒区九年义务教育巩固率达到11.5%。", encoding="utf-8")
    os.symlink(outside, folder / "link.txt")
    os.symlink(folder / "good.txt", folder / "inside.txt")  # a link within the folder is read
    result = extract_paths([folder])
    assert [m for m in result.errors if "link.txt" in m and "outside" in m] == result.errors
    assert len(result.errors) == 1
    assert sorted(result.documents["document"]) == [str(folder / "good.txt"), str(folder / "inside.txt")]
    assert 11.5 not in set(result.observations["value"])


def test_an_outer_alarm_survives_the_time_limit(tmp_path):
    import signal

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with time_limit(tmp_path / "quick.txt", 5):
            pass
        time.sleep(0.8)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == [True]
