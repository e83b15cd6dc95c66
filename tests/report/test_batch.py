"""The page batch: warm workers give the bytes of a fresh single-page render, in both
languages, on the local pool and on a two-worker dask LocalCluster; a failing page fails alone."""
from __future__ import annotations

import dataclasses

import pytest

from edueval.regions import load_regions
from edueval.report.build import built_notebook, render_pages
from edueval.report.i18n import LANGS, words
from edueval.report.pages import Page, pages_to_render, remove_stale
from edueval.report.render import render

SAMPLE = ("620802", "140400")  # a county and a prefecture of the seeds


@pytest.fixture(scope="module")
def batch(layout, tables):
    pages = [Page(load_regions()[code], lang) for code in SAMPLE for lang in LANGS]
    todo = pages_to_render(tables, pages, layout, force=True)
    statuses = render_pages(todo, layout, workers=2)
    assert all(s["ok"] for s in statuses), statuses
    return {p.key: (layout.reports / p.file).read_bytes() for p in pages}, todo


@pytest.mark.parametrize("code,lang", [("620802", "zh"), ("140400", "en")])
def test_a_batch_page_is_byte_identical_to_a_fresh_single_page_render(batch, layout, processed, code, lang, tmp_path):
    pages, _ = batch
    region = load_regions()[code]
    render(built_notebook(layout), {"region_code": code, "lang": lang, "root": str(processed)},
           tmp_path / "fresh.html", tmp_path / "fresh.ipynb", title=f"{words(lang).name(region)} · edueval",
           lang=lang, cwd=processed)
    assert (tmp_path / "fresh.html").read_bytes() == pages[f"{code}.{lang}"]


def test_the_executed_notebook_is_kept_once_per_page(batch, layout):
    _, todo = batch
    for page, _digest in todo:
        assert (layout.build / "executed" / f"{page.key}.ipynb").is_file()
    assert not [p for p in (layout.build / "executed").iterdir() if ".tmp" in p.name]


def test_dask_local_cluster_gives_the_same_pages_and_isolates_a_failure(batch, layout):
    from dask.distributed import Client, LocalCluster

    from edueval.report import cluster as on_dask

    pages, todo = batch
    ghost = dataclasses.replace(load_regions()["620802"], code="990999")  # not in the registry: its page fails
    work = [*todo[:3], (Page(ghost, "zh"), "0" * 64)]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local, \
            Client(local) as client:
        statuses = on_dask.render_on_dask(work, layout, client.scheduler.address)
    assert [s["ok"] for s in statuses] == [True, True, True, False]
    assert "990999" in statuses[-1]["error"]
    for page, _digest in todo[:3]:
        assert (layout.reports / page.file).read_bytes() == pages[page.key]
    assert not (layout.reports / Page(ghost, "zh").file).exists()


def test_a_scheduler_address_that_is_not_one_is_refused():
    from edueval.report.cluster import SchedulerError, check_address

    assert check_address("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    with pytest.raises(SchedulerError, match="tcp://host:8786"):
        check_address("10.0.0.5:8786; rm -rf /")


def test_remove_stale_keeps_both_index_pages(tmp_path):
    from edueval import paths

    layout = paths.Layout(tmp_path)
    layout.reports.mkdir(parents=True)
    for name in ("index.html", "index.en.html", "999999-gone.html", "999999-gone.en.html"):
        (layout.reports / name).write_text("x", encoding="utf-8")
    removed = remove_stale([], layout)
    assert sorted(removed) == ["999999-gone.en.html", "999999-gone.html"]
    assert sorted(p.name for p in layout.reports.iterdir()) == ["index.en.html", "index.html"]


def test_the_index_is_written_again_only_when_its_inputs_change(batch, layout, tables):
    from edueval.report.build import statuses
    from edueval.report.index_command import write
    from edueval.report.pages import page_regions

    pages = [Page(r, lang) for r in page_regions(tables) for lang in LANGS]
    write(tables, pages, statuses(pages, layout), layout)
    index = layout.reports / "index.html"
    first = index.stat().st_mtime_ns
    write(tables, pages, statuses(pages, layout), layout)
    assert index.stat().st_mtime_ns == first  # nothing changed: not rewritten
    changed = statuses(pages, layout)
    changed[0] = {**changed[0], "ok": False, "error": "a failure the index must list"}
    write(tables, pages, changed, layout)
    assert "a failure the index must list" in index.read_text(encoding="utf-8")
    (layout.reports / "index.en.html").unlink()
    write(tables, pages, changed, layout)
    assert (layout.reports / "index.en.html").is_file()
