"""Run the report notebook for one region with papermill and convert it with nbconvert.

Both tools are driven from this process (not their command lines), so their imports
are paid once per worker, not once per region. Outputs are written atomically: an
interrupted build leaves the previous report in place.
"""
from __future__ import annotations

import difflib
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat

from .. import atomic, paths
from .fonts import font_face_css
from .i18n import ISO_639_1

KERNEL = "edueval"
TEMPLATE_DIR = paths.PACKAGE_DIR / "templates"
CSS_FILE = Path(__file__).with_name("style.css")
FONT_MARK = "/*EDUEVAL_FONT_FACE*/"


def die_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent ends (even by SIGKILL), so that
    workers and kernels do not outlive a killed build; elsewhere a no-op."""
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# the process groups of the kernels this process has started and not yet shut down: a worker
# told to stop kills them at once (report/build.py), before it unwinds
_LIVE_KERNELS: set[int] = set()


def kill_live_kernels() -> None:
    """SIGKILL every kernel this process started (each runs in its own session, so its
    process group holds it and anything it started)."""
    import os
    import signal

    for group in list(_LIVE_KERNELS):
        try:
            os.killpg(group, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        _LIVE_KERNELS.discard(group)


class ParameterError(ValueError):
    """Parameters that the notebook does not declare, or values it cannot take."""


@dataclass
class RenderTiming:
    execute_seconds: float
    convert_seconds: float
    html_bytes: int


def notebook_from_jupytext(source: Path) -> nbformat.NotebookNode:
    """Read a jupytext script as a notebook with stable cell ids (for byte-identical HTML)."""
    import jupytext

    nb = jupytext.read(source)
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python (edueval)", "language": "python"}
    return stable_ids(nb)


def stable_ids(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i}"
    return nb


@lru_cache(maxsize=8)
def declared_parameters(notebook: Path) -> dict[str, str]:
    """Name → inferred type of the notebook's ``parameters`` cell."""
    import papermill

    return {name: info["inferred_type_name"] for name, info in papermill.inspect_notebook(str(notebook)).items()}


def check_parameters(notebook: Path, parameters: dict) -> None:
    """Fail before execution on a parameter the notebook does not declare (papermill only warns)."""
    declared = declared_parameters(notebook)
    unknown = [k for k in parameters if k not in declared]
    if unknown:
        hints = []
        for k in unknown:
            close = difflib.get_close_matches(k, declared, n=1)
            hints.append(f"{k!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        raise ParameterError(f"{notebook.name}: unknown parameter(s) {', '.join(hints)}; declared: {sorted(declared)}")


def execute(notebook: Path, parameters: dict, executed_path: Path, cwd: Path = paths.ROOT,
            kernel: "WarmKernel | None" = None) -> nbformat.NotebookNode:
    """Run the notebook with papermill: in a new kernel, or in ``kernel`` if one is given. The
    executed notebook is written once, at the end (papermill would rewrite it after every cell)."""
    import papermill

    check_parameters(notebook, parameters)
    if kernel is None:
        with WarmKernel(cwd) as own:
            return execute(notebook, parameters, executed_path, cwd, kernel=own)
    kernel.ensure_alive()
    with atomic.atomic_path(executed_path) as tmp:
        nb = papermill.execute_notebook(
            str(notebook), str(tmp), parameters=parameters, kernel_name=KERNEL, cwd=str(cwd),
            progress_bar=False, log_output=False, report_mode=True, engine_name=WARM_ENGINE, km=kernel.manager,
            kc=kernel.client(), request_save_on_cell_execute=False,
        )
    return stable_ids(nb)


WARM_ENGINE = "edueval-warm"


class WarmKernel:
    """One kernel kept alive across many notebooks, so that each region's report does not
    pay for a kernel start and for importing pandas, seaborn and edueval again. Every run
    executes all cells from the parameters on, so no region sees another's variables
    (``ctx`` and the rest are reassigned); a dead kernel is restarted. Its client (the
    channels and their connection) is kept too: connecting costs about half a second."""

    def __init__(self, cwd: Path = paths.ROOT, sockets: Path | None = None):
        import os
        import tempfile

        from jupyter_client.manager import KernelManager

        _register_warm_engine()
        # IPC sockets, not TCP: no "running over TCP without encryption" warning, no port clashes
        self._sockets = Path(tempfile.mkdtemp(prefix="edueval-kernel-", dir=sockets))
        self.manager = KernelManager(kernel_name=KERNEL, transport="ipc")
        self.manager.ip = str(self._sockets / "k")
        # the kernel runs in its own session (jupyter_client): it must still end with its worker
        self.manager.start_kernel(cwd=str(cwd), env={**os.environ, "PYTHONWARNINGS": "ignore"},
                                  preexec_fn=die_with_parent)
        self._client = None
        self._track()

    def _track(self) -> None:
        import os

        group = getattr(self.manager.provisioner, "pgid", None)
        if group and group != os.getpgrp():  # never this process's own group (jupyter_client gives a session)
            _LIVE_KERNELS.add(group)

    def _untrack(self) -> None:
        _LIVE_KERNELS.discard(getattr(self.manager.provisioner, "pgid", None))

    def client(self):
        """The kernel's client, connected once and kept across notebooks."""
        if self._client is None:
            self._client = self.manager.client()
            self._client.start_channels()
            self._client.wait_for_ready(timeout=60)
        return self._client

    def _drop_client(self) -> None:
        if self._client is not None:
            self._client.stop_channels()
            self._client = None

    def ensure_alive(self) -> None:
        if not self.manager.is_alive():
            self._drop_client()
            self._untrack()
            self.manager.restart_kernel(now=True)
            self._track()

    def close(self) -> None:
        import shutil

        self._drop_client()
        if self.manager.has_kernel:
            self._untrack()
            self.manager.shutdown_kernel(now=True)
        shutil.rmtree(self._sockets, ignore_errors=True)

    def __enter__(self) -> "WarmKernel":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@lru_cache(maxsize=1)
def _register_warm_engine() -> None:
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    class WarmKernelEngine(NBClientEngine):
        """papermill's nbclient engine on a kernel and a client it does not own: both survive
        the notebook (nbclient leaves a client it was given open when it does not own the kernel)."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, km=None, kc=None,
                                     **kwargs):
            import logging

            client = PapermillNotebookClient(nb_man, km=km, kernel_name=kernel_name, timeout=execution_timeout,
                                             startup_timeout=start_timeout, log=logging.getLogger("papermill"),
                                             log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
            client.kc = kc
            return client.execute()

    papermill_engines.register(WARM_ENGINE, WarmKernelEngine)


_OUTPUT_DIV = re.compile(r'<div class="([^"]*)"')
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)")
NO_ALT = "No description has been provided for this image"


def _accessible(html: str) -> str:
    """What nbconvert's HTMLExporter adds after rendering, by a BeautifulSoup parse and
    re-serialisation of the whole page (most of the export's time on a page with charts):
    tabindex="0" on each output area, and an alt text on images without one."""
    def focusable(m: re.Match) -> str:
        return m.group(0) + (' tabindex="0"' if "jp-OutputArea-output" in m.group(1).split() else "")

    return _IMG_WITHOUT_ALT.sub(f'<img alt="{NO_ALT}"', _OUTPUT_DIV.sub(focusable, html))


@lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter, TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
    from nbconvert.preprocessors import TagRemovePreprocessor

    class PageExporter(HTMLExporter):
        """HTMLExporter.from_notebook_node with its filters, without the BeautifulSoup round trip."""

        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _accessible(html), resources

    exporter = PageExporter(template_name="edueval", extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.anchor_link_text = ""
    # the notebook's own how-to cell is for researchers, not for the report
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"remove_cell"}, enabled=True), enabled=True)
    return exporter


def _without_data_uris(text: str) -> str:
    return re.sub(r"data:[a-z/+-]+;base64,[A-Za-z0-9+/=]+", "", text)


def to_html(nb: nbformat.NotebookNode, title: str, lang: str) -> str:
    """Self-contained HTML: code hidden, our CSS, and a font subset holding the page's glyphs."""
    nb = nbformat.from_dict(nb)
    nb.metadata["title"] = title
    # papermill's timing metadata would make every build differ
    nb.metadata.pop("papermill", None)
    for c in nb.cells:
        c.metadata.pop("papermill", None)
        c.metadata.pop("execution", None)
    exporter = _exporter()
    exporter.language_code = ISO_639_1[lang]
    body, _ = exporter.from_notebook_node(nb, resources={"edueval_css": CSS_FILE.read_text(encoding="utf-8")})
    return body.replace(FONT_MARK, font_face_css(_without_data_uris(body)), 1)


def render(notebook: Path, parameters: dict, html_path: Path, executed_path: Path, title: str, lang: str,
           kernel: WarmKernel | None = None, cwd: Path = paths.ROOT) -> RenderTiming:
    start = time.perf_counter()
    nb = execute(notebook, parameters, executed_path, cwd=cwd, kernel=kernel)
    executed = time.perf_counter()
    html = to_html(nb, title, lang)
    atomic.write_text(html_path, html)
    return RenderTiming(executed - start, time.perf_counter() - executed, len(html.encode("utf-8")))
