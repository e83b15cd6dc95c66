"""One warm report page split by phase, in CPU-seconds, so that each cost can be compared.

    PYTHONPATH=src .venv/bin/python benchmarks/profile_page.py --root PROJECT [--region CODE] [--lang zh] [--repeat 5]

PROJECT is a project folder whose stages have run (data/processed/ filled), e.g. the scratch
project that `benchmarks/bench_reports.py --keep DIR` leaves in DIR/project. Printed, each as
the median of --repeat warm runs after one warm-up:

- in this process, as the kernel runs them: the page's context, every section of
  ``sections.page`` in its order, and inside the charts section each chart's model
  (figures.chart_model), its SVG (charts.chart_svg) and its CSV;
- the font subset of the page's HTML (from the process's cover of characters seen, which
  holds this page's after the warm-up) and, apart, from the whole font; the nbconvert export;
- the whole page through a warm kernel (papermill + nbconvert, ``render.render``), with the
  kernel's own CPU-seconds beside this process's: what is left after the phases above is
  papermill's and the kernel protocol's overhead.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SECTIONS = ("header", "headline", "scorecard", "comparisons", "charts", "policy", "balance", "children", "quality",
            "provenance", "methods", "build")


class Phases:
    """CPU-seconds of this process, summed by phase name within one run."""

    def __init__(self):
        self.runs: list[dict[str, float]] = []

    def start_run(self) -> None:
        self.runs.append(defaultdict(float))

    def wrap(self, name: str, fn):
        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.runs[-1][name] += time.process_time() - start
        return timed

    def medians(self) -> dict[str, float]:
        names = list(dict.fromkeys(n for run in self.runs for n in run))
        return {n: statistics.median(run.get(n, 0.0) for run in self.runs) for n in names}


def in_process(root: Path, region: str, lang: str, repeat: int) -> tuple[dict[str, float], str]:
    """The kernel's work done here, by phase; returns the medians and the page's body."""
    from edueval import paths
    from edueval.report import charts, sections
    from edueval.report.context import load_context

    layout = paths.Layout(root)
    phases = Phases()
    for name in SECTIONS:  # sections.page looks them up in its module: wrapping them there times each
        setattr(sections, name, phases.wrap("section " + name, getattr(sections, name)))
    for name in ("chart_model", "chart_svg", "chart_data", "csv_bytes"):
        setattr(charts, name, phases.wrap("  chart " + name, getattr(charts, name)))
    body = ""
    for i in range(repeat + 1):
        phases.start_run()
        start = time.process_time()
        ctx = load_context(region, lang=lang, layout=layout)
        phases.runs[-1]["context"] += time.process_time() - start
        start = time.process_time()
        body = str(sections.page(ctx))
        phases.runs[-1]["page (all sections)"] += time.process_time() - start
        if i == 0:
            phases.runs.clear()  # the warm-up: imports, tables, templates, font
    return phases.medians(), body


def export_phases(root: Path, region: str, lang: str, repeat: int) -> dict[str, float]:
    """A warm kernel's page: papermill, nbconvert and the font subset, and the kernel's CPU."""
    import psutil

    from edueval import paths
    from edueval.report import fonts, render
    from edueval.report.build import built_notebook

    layout = paths.Layout(root)
    notebook = built_notebook(layout)
    phases = Phases()
    render.font_face_css = phases.wrap("font subset", fonts.font_face_css)
    exporter = render._exporter()
    exporter.from_notebook_node = phases.wrap("nbconvert export", exporter.from_notebook_node)
    params = {"region_code": region, "lang": lang, "root": str(root)}
    with tempfile.TemporaryDirectory() as tmp, render.WarmKernel(cwd=root) as kernel:
        kernel_process = psutil.Process(kernel.manager.provisioner.process.pid)
        for i in range(repeat + 1):
            phases.start_run()
            kernel_before = sum(kernel_process.cpu_times()[:2])
            start = time.process_time()
            nb = render.execute(notebook, params, Path(tmp) / "page.ipynb", cwd=root, kernel=kernel)
            phases.runs[-1]["papermill execute (this process)"] += time.process_time() - start
            phases.runs[-1]["kernel CPU during execute"] += sum(kernel_process.cpu_times()[:2]) - kernel_before
            start = time.process_time()
            html = render.to_html(nb, "profile", lang)
            phases.runs[-1]["to_html (all)"] += time.process_time() - start
            # the same page's subset without the process's cover (a page with characters the
            # cover lacks pays this, and widens the cover)
            start = time.process_time()
            fonts.subset_woff_from_whole_font(render._without_data_uris(html))
            phases.runs[-1]["(font subset from the whole font)"] += time.process_time() - start
            if i == 0:
                imported = kernel.client().execute_interactive(
                    "import edueval; print(edueval.__file__)", silent=False, timeout=30,
                    output_hook=lambda msg: msg["content"].get("text") and print(
                        "kernel imports", msg["content"]["text"].strip(), file=sys.stderr))
                del imported
                phases.runs.clear()
    return phases.medians()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="a project whose stages have run")
    parser.add_argument("--region", default="000000", help="region code (default: the nation)")
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    inside, body = in_process(args.root, args.region, args.lang, args.repeat)
    outside = export_phases(args.root, args.region, args.lang, args.repeat)
    print(f"page {args.region} {args.lang}: {len(body):,} characters of body; median CPU-s of {args.repeat} warm runs")
    print("in the kernel's code, run in this process:")
    for name, seconds in inside.items():
        print(f"  {name:<36} {seconds:6.3f}")
    print("through a warm kernel (render.execute, render.to_html):")
    for name, seconds in outside.items():
        print(f"  {name:<36} {seconds:6.3f}")
    page = outside["papermill execute (this process)"] + outside["kernel CPU during execute"] + outside["to_html (all)"]
    print(f"  {'page total (both processes)':<36} {page:6.3f}")


if __name__ == "__main__":
    main()
