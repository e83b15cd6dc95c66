"""Documents with odd names and booby-trapped contents, through `make data` and `edueval extract`.

Any name the file system allows is data: it never reaches a shell or make, and the document
is read. A document that cannot be read is one line naming it, and the batch goes on.
"""
from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from .conftest import GOOD_TEXT, Cases, Project, payload

case = Cases()
EXTRACT = "extract: "


def write_doc(p: Project, name: str, data: bytes | str | None = None) -> Path:
    path = p.documents / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((data if data is not None else GOOD_TEXT).encode() if not isinstance(data, bytes) else data)
    return path


def documents_read(p: Project) -> set[str]:
    return set(pd.read_parquet(p.root / "data/interim/extract/documents.parquet")["document"])


def read_by_the_stage(p: Project, r, path: Path) -> None:
    assert r.rc == 0, r
    assert str(path.relative_to(p.root)) in documents_read(p), sorted(documents_read(p))


def failed_alone(p: Project, r, path: Path, why: str = "") -> None:
    """The document is one line naming it; the others were read (the batch went on)."""
    assert r.rc == 0, r
    rel = path.relative_to(p.root)
    p.names(r, rel)
    mine = p.said(r, rel)
    assert why in mine, mine
    assert str(rel) not in documents_read(p)
    assert "data/raw/documents/good.txt" in documents_read(p)


# ---- names ---------------------------------------------------------------------------

def name_case(name_fn):
    """A document whose name is the attack; it must be read like any other."""
    def fn(p):
        path = write_doc(p, name_fn())
        r = yield ["make", "data"]
        read_by_the_stage(p, r, path)
    fn.__name__ = name_fn.__name__
    return case(batch="names")(fn)


@name_case
def dollar_paren_command():
    return f"$({payload()[1]}).txt"


@name_case
def backtick_command():
    return f"`{payload()[1]}`.txt"


@name_case
def make_function_in_name():
    return f"$(shell {payload()[1]}).txt"


@name_case
def redirection_to_readme():
    return "notes>README.md"  # README.md of the project is a canary file


@name_case
def single_quote():
    return "it's.txt"


@name_case
def spaces_and_double_quotes():
    return '报告 2022 "final".txt'


@name_case
def newline_in_name():
    return "two\nlines.txt"


@name_case
def tab_in_name():
    return "tab\there.txt"


@name_case
def full_width_characters():
    return "２０２２年　教育（统计）＂报告＂．ｔｘｔ.txt"


@name_case
def leading_dash():
    return "-o.txt"


@name_case
def glob_and_make_characters():
    return "*[a]%?:#;&|.txt"


@name_case
def folder_with_a_space():
    return "sub dir/子 目录/x.txt"


@case(batch="names")
def the_names_produce_rows(p):
    write_doc(p, "good.txt", "2022年，崆峒区学前三年毛入园率为95.1%。")
    r = yield ["make", "data"]
    assert r.rc == 0, r
    obs = pd.read_parquet(p.root / "data/processed/clean/observations.parquet")
    assert (obs["method"] == "extracted").sum() >= 1


# ---- what is not a readable document -------------------------------------------------

@case(batch="broken")
def good_document_beside_the_broken_ones(p):
    write_doc(p, "good.txt")
    r = yield ["make", "data"]
    assert r.rc == 0 and "data/raw/documents/good.txt" in documents_read(p), r


@case(batch="broken")
def symlink_loop(p):
    p.documents.mkdir(parents=True, exist_ok=True)
    os.symlink("loop.txt", p.documents / "loop.txt")
    r = yield ["make", "data"]
    assert r.rc == 0, r
    p.names(r, (p.documents / "loop.txt").relative_to(p.root))


@case(batch="broken")
def fifo_named_like_a_document(p):
    p.documents.mkdir(parents=True, exist_ok=True)
    os.mkfifo(p.documents / "x.txt")
    r = yield ["make", "data"]  # must not block
    assert r.rc == 0, r
    p.names(r, (p.documents / "x.txt").relative_to(p.root))


@case(batch="broken")
def directory_named_like_a_document(p):
    (p.documents / "folder.txt").mkdir(parents=True)
    r = yield ["make", "data"]
    assert r.rc == 0, r


@case(batch="broken")
def text_of_25_megabytes(p):
    path = p.documents / "big.txt"
    p.documents.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        block = (GOOD_TEXT * 1000).encode()
        while fh.tell() < 25 * 2**20:
            fh.write(block)
    r = yield ["make", "data"]
    failed_alone(p, r, path, "too large")


@case(batch="broken")
def binary_named_txt(p):
    path = write_doc(p, "binary.txt", bytes(range(256)) * 200)
    r = yield ["make", "data"]
    failed_alone(p, r, path, "binary")


@case(batch="broken")
def corrupt_pdf(p):
    path = write_doc(p, "corrupt.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n")
    r = yield ["make", "data"]
    failed_alone(p, r, path, "PDF")


@case(batch="broken")
def encrypted_pdf(p):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = write_doc(p, "encrypted.pdf", buffer.getvalue())
    r = yield ["make", "data"]
    failed_alone(p, r, path, "encrypted")


@case(batch="broken")
def docx_that_is_not_a_zip(p):
    path = write_doc(p, "fake.docx", b"PK\x03\x04 this is no zip")
    r = yield ["make", "data"]
    failed_alone(p, r, path, ".docx")


@case(batch="broken", slow=True)
def docx_with_100000_members(p):
    path = p.documents / "many.docx"
    p.documents.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for i in range(100_000):
            z.writestr(f"m/{i}", b"")
    r = yield ["make", "data"]
    failed_alone(p, r, path)


# ---- alone: each of these stops or stalls the whole stage today -------------------------------

def minimal_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_bomb(path: Path, mib: int) -> None:
    """A valid .docx whose document.xml inflates to ``mib`` MiB (streamed, never held)."""
    source = zipfile.ZipFile(io.BytesIO(minimal_docx(GOOD_TEXT)))
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


@case(slow=True)
def docx_zip_bomb(p):
    write_doc(p, "good.txt")
    path = p.documents / "bomb.docx"
    docx_bomb(path, 300)
    assert path.stat().st_size < 2 * 2**20
    r = yield ["make", "data"], {"timeout": 30}  # stricter than the rule's 60 s, while it hangs
    failed_alone(p, r, path)


@case
def symlink_to_etc_passwd(p):
    write_doc(p, "good.txt")
    os.symlink("/etc/passwd", p.documents / "passwd.txt")
    r = yield ["make", "data"]
    assert r.rc == 0, r
    p.names(r, (p.documents / "passwd.txt").relative_to(p.root))
    assert "data/raw/documents/passwd.txt" not in documents_read(p)


@case()
def document_without_a_year(p):
    write_doc(p, "good.txt")
    write_doc(p, "no_year.txt", "这是一份没有任何年份的说明，巩固率很高。")
    r = yield ["make", "data"]
    assert r.rc == 0, r
    assert "data/raw/documents/good.txt" in documents_read(p)


def deep_folder(base: Path, levels: int = 20) -> Path:
    """A document whose path is longer than PATH_MAX (4096 bytes), made level by level."""
    base.mkdir(parents=True, exist_ok=True)
    fd = os.open(base, os.O_RDONLY)
    part = "目录" * 40  # 240 bytes
    try:
        for _ in range(levels):
            os.mkdir(part, dir_fd=fd)
            nxt = os.open(part, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        out = os.open("深.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, GOOD_TEXT.encode())
        os.close(out)
    finally:
        os.close(fd)
    return base / part


@case
def path_longer_than_path_max(p):
    write_doc(p, "good.txt")
    deep = deep_folder(p.documents / "deep")
    r = yield ["make", "data"]
    assert r.rc == 0, r
    p.names(r, deep.relative_to(p.root))
    assert "data/raw/documents/good.txt" in documents_read(p)


# ---- edueval extract PATH… -o FILE ------------------------------------------------------------

@case
def formula_cells_in_extract_output(p):
    formulas = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://attacker.example","x")', "+cmd|' /C calc'!A0",
                "-cmd|' /C calc'!A0", "@SUM(cmd|' /C calc'!A0)"]
    docs = []
    for i, f in enumerate(formulas):
        docs.append(write_doc(p, f"f{i}.txt", f"{f}；2021年，崆峒区九年义务教育巩固率达到9{i}.5%。\n"))
    out = p.root / "out.csv"
    r = yield ["edueval", "extract", *map(str, docs), "-o", str(out)]
    assert r.rc == 0, r
    cells = [c for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))) for c in row]
    assert any(c.startswith("'=") for c in cells), "the formula text should reach the output, neutralised"
    for c in cells:
        if c[:1] in ("=", "+", "-", "@", "\t", "\r"):
            float(c)  # only numbers may start so


@case
def leading_dash_and_odd_output_name(p):
    doc = write_doc(p, "-o.txt")
    marker, cmd = payload()
    out = p.root / f"rows $({cmd}) '\"'.csv"
    r = yield ["edueval", "extract", "-o", str(out), "--", str(doc.relative_to(p.root))]
    assert r.rc == 0 and out.is_file(), r
    out.unlink()
    r = yield ["edueval", "extract", f"./{doc.relative_to(p.root)}", "-o", str(out)]
    assert r.rc == 0 and out.is_file(), r


@case
def output_with_an_unknown_suffix(p):
    doc = write_doc(p, "a.txt")
    r = yield ["edueval", "extract", str(doc), "-o", str(p.root / "rows.xlsx")]
    assert r.rc == 2 and len(r.problems) == 1 and "rows.xlsx" in r.problems[0], r


runner = case.fixture()


@pytest.mark.parametrize("name", case.params())
def test_document(runner, name, request):
    runner.finish(request)
