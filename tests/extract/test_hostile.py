"""Files that are not good documents: each gets one clear message; the batch goes on."""
from __future__ import annotations

import io
import os

from edueval.extract import extract_paths
from edueval.extract.read import read_document

GOOD = "2021年，崆峒区九年义务教育巩固率达到97.5%。"


def make(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_bad_files_fail_one_by_one_and_the_good_one_is_read(tmp_path):
    files = [
        make(tmp_path, "empty.txt", b""),
        make(tmp_path, "binary.txt", os.urandom(4096) + b"\x00" * 64),
        make(tmp_path, "latin.txt", "Ça été très compliqué à lire. ".encode("latin-1") * 20),
        make(tmp_path, "broken.docx", b"PK\x03\x04 not really a zip"),
        make(tmp_path, "broken.pdf", b"%PDF-1.4 garbage"),
        make(tmp_path, "good.txt", GOOD.encode("utf-8")),
    ]
    result = extract_paths(files)
    assert len(result.errors) == 5
    for path, message in zip(files, result.errors):
        assert str(path) in message  # every message names its file
    assert list(result.observations["value"]) == [97.5]


def test_fifty_megabytes_is_refused_with_a_message(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        block = (GOOD * 1000).encode("utf-8")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(block)
    result = extract_paths([big, make(tmp_path, "good.txt", GOOD.encode())])
    assert len(result.errors) == 1 and "too large" in result.errors[0] and "big.txt" in result.errors[0]
    assert len(result.observations) == 1


def test_a_document_without_numbers_is_read_and_yields_nothing(tmp_path):
    result = extract_paths([make(tmp_path, "prose.txt", "办好人民满意的教育，让每个孩子享有公平而有质量的教育。".encode())])
    assert not result.errors and result.observations.empty and len(result.documents) == 1


def test_html_script_and_style_are_ignored(tmp_path):
    html = ("<html><head><style>.x{width:99%}</style><script>var rate='学前三年毛入园率12%';</script></head>"
            "<body><p>2022年，崆峒区学前三年毛入园率为95.1%。</p></body></html>")
    result = extract_paths([make(tmp_path, "page.html", html.encode("utf-8"))])
    assert list(result.observations["value"]) == [95.1]


def test_gbk_and_big5_files_are_decoded(tmp_path):
    gbk = make(tmp_path, "gbk.txt", (GOOD * 3).encode("gbk"))
    big5 = make(tmp_path, "big5.txt", "2021年，平涼市九年義務教育鞏固率達到96.5%。本市教育事業穩步發展。".encode("big5") * 3)
    result = extract_paths([gbk, big5])
    assert not result.errors, result.errors
    assert sorted(result.observations["value"]) == [96.5, 97.5]


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("崆峒区教育统计")
    document.add_paragraph("2020年，全区高中阶段毛入学率为95.0%。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "2020年特殊教育入学率"
    table.rows[0].cells[1].text = "96.0%"
    buffer = io.BytesIO()
    document.save(buffer)
    result = extract_paths([make(tmp_path, "stats.docx", buffer.getvalue())])
    assert not result.errors
    assert set(result.observations["indicator"]) == {"senior_ger", "special_enrolment"}


def _minimal_pdf(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_pdf_text_layer_is_read(tmp_path):
    doc = read_document(make(tmp_path, "a.pdf", _minimal_pdf("Enrolment 2021: 95.5%")))
    assert doc.format == "pdf" and "95.5%" in doc.text


def test_missing_paths_and_empty_folders_are_reported(tmp_path):
    (tmp_path / "empty_dir").mkdir()
    result = extract_paths([tmp_path / "nope.txt", tmp_path / "empty_dir"])
    assert len(result.errors) == 2 and result.observations.empty


def test_unknown_region_argument_is_a_per_file_message(tmp_path):
    result = extract_paths([make(tmp_path, "a.txt", GOOD.encode())], region="999999")
    assert len(result.errors) == 1 and "999999" in result.errors[0]
