"""Every table the pipeline writes: where it lives, its schema, how a stage publishes it.

One module knows each table's file and schema (``TABLES``). Tables are checked on write
and trusted on read. A stage writes all its tables into a staging folder and publishes
them in one step: the stage's folder (``data/processed/clean``, …) is a symlink swapped
atomically to the new set, with a ``manifest.json`` listing every table's digest and the
inputs it was built from. A kill at any moment leaves either the old set or the new set;
``make`` keys on the manifest, so the next run finishes the job.

    with store.publish("clean", inputs=digests) as out:
        out.write("observations", frame)
    store.read("observations")
"""
from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import pandas as pd

from . import paths
from .atomic import atomic_path


@dataclass(frozen=True)
class Table:
    name: str
    stage: str
    file: str
    schema: str | None = None  # "module:Class" of a pandera DataFrameModel, imported when first used
    csv: bool = False  # also written as a spreadsheet-safe CSV beside the parquet, for people


TABLES = {t.name: t for t in (
    Table("extracted", "extract", "observations.parquet", "edueval.schema:ExtractedObservations", csv=True),
    Table("extracted_documents", "extract", "documents.parquet"),
    Table("extracted_sources", "extract", "sources.parquet", "edueval.schema:Sources"),
    Table("set_aside", "extract", "set_aside.parquet", "edueval.schema:SetAside", csv=True),
    Table("pseudo_regions", "extract", "pseudo_regions.parquet"),
    Table("balance_coefficients", "balance", "coefficients.parquet", csv=True),
    Table("balance_schools", "balance", "schools.parquet"),
    Table("balance_failing", "balance", "failing_schools.parquet", csv=True),
    Table("balance_observations", "balance", "observations.parquet", "edueval.schema:ProcessedObservations"),
    Table("balance_sources", "balance", "sources.parquet", "edueval.schema:Sources"),
    Table("observations", "clean", "observations.parquet", "edueval.schema:ProcessedObservations"),
    Table("sources", "clean", "sources.parquet", "edueval.schema:Sources"),
    Table("quality_log", "clean", "quality_log.parquet", "edueval.schema:QualityLog", csv=True),
    Table("evaluation_targets", "evaluate", "evaluation_targets.parquet", "edueval.models.tables:EvaluationTargets"),
    Table("evaluation_series", "evaluate", "evaluation_series.parquet", "edueval.models.tables:EvaluationSeries"),
    Table("evaluation_policy", "evaluate", "evaluation_policy.parquet", "edueval.models.tables:EvaluationPolicy"),
    Table("evaluation_curves", "evaluate", "evaluation_curves.parquet", "edueval.models.tables:EvaluationCurves"),
)}


class MissingStageError(FileNotFoundError):
    """A stage's output that has not been built yet."""


def table_path(name: str, layout: paths.Layout = paths.DEFAULT) -> Path:
    table = TABLES[name]
    return layout.stage(table.stage) / table.file


def _schema(table: Table):
    if table.schema is None:
        return None
    module, _, cls = table.schema.partition(":")
    return getattr(importlib.import_module(module), cls)


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` checked against its table's schema (lazy: every failing row at once)."""
    schema = _schema(TABLES[name])
    return frame if schema is None else schema.validate(frame, lazy=True)


def read(name: str, layout: paths.Layout = paths.DEFAULT, columns: list[str] | None = None) -> pd.DataFrame:
    """A published table (trusted: it was checked when written)."""
    path = table_path(name, layout)
    if not path.is_file():
        table = TABLES[name]
        raise MissingStageError(f"{path} does not exist: run `edueval {table.stage}` (or `make`) first")
    return pd.read_parquet(path, columns=columns)


def manifest(stage: str, layout: paths.Layout = paths.DEFAULT) -> dict:
    """The stage's manifest ({} when the stage has not run)."""
    path = layout.manifest(stage)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


# ---- spreadsheet-safe CSV ----------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula, neutralised with a leading
    apostrophe (OWASP, CSV injection). Numbers stay numbers."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            values = out[col].astype(object)
            text = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_START))
            if text.any():
                out[col] = values.where(~text, "'" + values.astype(str))
    return out


def write_csv(frame: pd.DataFrame, target: Path) -> None:
    """UTF-8 with BOM (spreadsheets detect the encoding), formula cells neutralised, atomic."""
    with atomic_path(target) as tmp:
        spreadsheet_safe(frame).to_csv(tmp, index=False, encoding="utf-8-sig")


# ---- publishing --------------------------------------------------------------------

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the package's code and reference data: a stage re-runs when they change."""
    digest = hashlib.sha256()
    for path in sorted(paths.PACKAGE_DIR.rglob("*")):
        if path.suffix in (".py", ".csv", ".css", ".j2", ".json", ".js") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(paths.PACKAGE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class StageWriter:
    """The staging folder of one stage run: tables are checked and written here."""

    def __init__(self, stage: str, folder: Path):
        self.stage, self.folder = stage, folder
        self.tables: dict[str, dict] = {}
        self.extra: dict = {}

    def write(self, name: str, frame: pd.DataFrame) -> pd.DataFrame:
        table = TABLES[name]
        if table.stage != self.stage:
            raise ValueError(f"table {name!r} belongs to stage {table.stage!r}, not {self.stage!r}")
        frame = validate(name, frame)
        target = self.folder / table.file
        clean = frame.copy()
        clean.attrs = {}
        try:
            clean.to_parquet(target, index=False)
            if table.csv:
                write_csv(clean, target.with_suffix(".csv"))
        except OSError as exc:  # disk full, a file size limit: say which file (pyarrow does not)
            raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from exc
        self.tables[name] = {"file": table.file, "rows": int(len(frame)), "sha256": _sha256(target)}
        return frame

    @contextmanager
    def stream(self, name: str) -> Iterator[TableStream]:
        """A table written a chunk at a time (``TableStream.write``); recorded like ``write``
        when the block ends."""
        table = TABLES[name]
        if table.stage != self.stage:
            raise ValueError(f"table {name!r} belongs to stage {table.stage!r}, not {self.stage!r}")
        target = self.folder / table.file
        stream = TableStream(name, target, target.with_suffix(".csv") if table.csv else None)
        try:
            yield stream
            stream.finish()
        finally:
            stream.close()
        self.tables[name] = {"file": table.file, "rows": stream.rows, "sha256": _sha256(target)}

    def write_file(self, relative: str, text: str) -> Path:
        """Another file of the stage (a table's CSV export, a notebook-friendly listing)."""
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target


ROWS_PER_GROUP = 10_000  # rows of a streamed table kept and written as one parquet row group


class TableStream:
    """One table of a stage written a chunk at a time, so that a stage need not hold it whole:
    each chunk is checked against the table's schema (failing rows named by their row in the
    whole table), and chunks are appended ROWS_PER_GROUP rows or so at a time as a parquet row
    group, and to the table's CSV.

    Read back, the file is the table written whole (``StageWriter.write``) although pandas and
    pyarrow type a column by its values: a column without values in the first chunks takes the
    type of the first chunk that has some, and one without values anywhere the type pandas
    gives the chunks joined; the row groups written before are then rewritten (a few times at
    most, one row group at a time)."""

    def __init__(self, name: str, target: Path, csv: Path | None):
        self.name, self.target, self.csv = name, target, csv
        self.rows = 0
        self._writer = self._schema = self._csv = None
        self._valueless: dict[str, object] = {}  # column without a value so far → the chunks' joined dtype
        self._first: pd.DataFrame | None = None  # the first chunk, written if no chunk has rows
        self._pending: list[pd.DataFrame] = []  # chunks checked, not yet written

    def write(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` checked and appended (a chunk without rows only gives an empty table its columns)."""
        frame = validate(self.name, frame.set_axis(pd.RangeIndex(self.rows, self.rows + len(frame))))
        if self._first is None:
            self._first = frame.iloc[:0]
        if len(frame):
            self._pending.append(frame)
            self.rows += len(frame)
            if sum(map(len, self._pending)) >= ROWS_PER_GROUP:
                self._flush()
        return frame

    def finish(self) -> None:
        self._flush()
        if self._writer is None:
            if self._first is None:
                raise ValueError(f"table {self.name!r}: no chunk was written, not even an empty one")
            self._append(self._first)
        if self._valueless:
            import pyarrow as pa

            # the type of a column that is empty throughout, as it is in the chunks joined
            joined = pa.Schema.from_pandas(pd.DataFrame({c: pd.Series([None], dtype=d) for c, d in self._valueless.items()}),
                                           preserve_index=False)
            retyped = {n for n in self._valueless if joined.field(n).type != self._schema.field(n).type}
            if retyped:
                self._rewrite(joined, retyped)

    def _flush(self) -> None:
        """The chunks kept so far, one row group (a table of one group is written as write() writes it)."""
        if self._pending:
            pending, self._pending = self._pending, []
            self._append(pending[0] if len(pending) == 1 else pd.concat(pending, ignore_index=True))

    def close(self) -> None:
        for handle in (self._writer, self._csv):
            if handle is not None:
                handle.close()
        self._writer = self._csv = None

    def _append(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        clean = frame.copy()
        clean.attrs = {}
        chunk = pa.Table.from_pandas(clean, preserve_index=False)  # as DataFrame.to_parquet(index=False)
        first = self._writer is None
        try:
            if first:
                self._writer = pq.ParquetWriter(self.target, chunk.schema, compression="snappy")
                self._schema = chunk.schema
                if self.csv is not None:
                    self._csv = open(self.csv, "w", encoding="utf-8-sig", newline="")
            else:
                chunk = self._conform(chunk)
            self._writer.write_table(chunk)
            if self._csv is not None:
                spreadsheet_safe(clean).to_csv(self._csv, index=False, header=first)
        except OSError as exc:  # disk full, a file size limit: say which file (pyarrow does not)
            raise OSError(exc.errno, exc.strerror or str(exc), str(self.target)) from exc
        without = [n for n in chunk.schema.names if chunk.column(n).null_count == len(chunk)]
        self._valueless = ({n: clean[n].dtype for n in without} if first else
                           {n: _joined_dtype(self._valueless[n], clean[n].dtype) for n in without if n in self._valueless})

    def _conform(self, chunk):
        """``chunk`` in the file's schema; the file's retyped first when a column without a value
        so far has values here."""
        if chunk.schema.names != self._schema.names:
            raise ValueError(f"table {self.name!r}: a chunk has columns {chunk.schema.names}, "
                             f"the table {self._schema.names}")
        retyped = set()
        for field in chunk.schema:
            known = self._schema.field(field.name)
            if field.type == known.type or chunk.column(field.name).null_count == len(chunk) or \
                    _text(field.type) and _text(known.type):  # pandas' str dtype is large_string, object text string
                continue
            if field.name not in self._valueless:
                raise TypeError(f"table {self.name!r}: column {field.name!r} is {field.type} in a chunk, "
                                f"{known.type} in those before")
            retyped.add(field.name)
        if retyped:
            self._rewrite(chunk.schema, retyped)
        return _cast(chunk, self._schema)

    def _rewrite(self, source, names: set[str]) -> None:
        """The row groups written so far again, with columns ``names`` typed and described as in ``source``."""
        import pyarrow.parquet as pq

        schema = self._schema
        for name in names:
            schema = schema.set(schema.get_field_index(name), source.field(name))
        meta = json.loads(self._schema.metadata[b"pandas"])
        described = {c["name"]: c for c in json.loads(source.metadata[b"pandas"])["columns"]}
        meta["columns"] = [described[c["name"]] if c["name"] in names else c for c in meta["columns"]]
        schema = schema.with_metadata({**self._schema.metadata, b"pandas": json.dumps(meta).encode()})
        self._writer.close()
        old = self.target.with_name(self.target.name + ".before")
        os.replace(self.target, old)
        self._writer, self._schema = pq.ParquetWriter(self.target, schema, compression="snappy"), schema
        written = pq.ParquetFile(old)
        for group in range(written.num_row_groups):
            self._writer.write_table(_cast(written.read_row_group(group), schema))
        written.close()
        old.unlink()


def _cast(table, schema):
    """``table`` in ``schema``: a column without values made nulls of the new type (pyarrow casts
    no type to null), the others cast."""
    import pyarrow as pa

    columns = [column if column.type == field.type else
               pa.nulls(len(table), field.type) if column.null_count == len(table) else column.cast(field.type)
               for column, field in zip(table.columns, schema)]
    return pa.Table.from_arrays(columns, schema=schema)


def _text(kind) -> bool:
    import pyarrow as pa

    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


def _joined_dtype(a, b):
    """The dtype pandas gives a column of dtype ``a`` joined to one of ``b``, both without values."""
    return pd.concat([pd.Series([None], dtype=a), pd.Series([None], dtype=b)]).dtype


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _pid_of(name: str, marker: str) -> int | None:
    """The process id a leftover's name carries after ``marker`` (".clean-tmp-123-…", ".clean.link-123")."""
    pid = name[len(marker):].split("-")[0]
    return int(pid) if pid.isdigit() else None


def _remove_leftovers(parent: Path, stage: str, keep: set[Path]) -> None:
    """Old sets of this stage, staging folders and half-made links of runs that were killed."""
    for path in parent.glob(f".{stage}.link-*"):
        pid = _pid_of(path.name, f".{stage}.link-")
        if path.is_symlink() and not (pid and pid != os.getpid() and _alive(pid)):
            path.unlink(missing_ok=True)
    for path in parent.glob(f".{stage}-*"):
        if path in keep or not path.is_dir() or path.is_symlink():
            continue
        if path.name.startswith(f".{stage}-tmp-"):
            pid = _pid_of(path.name, f".{stage}-tmp-")
            if pid and pid != os.getpid() and _alive(pid):
                continue  # another run is writing it
        shutil.rmtree(path, ignore_errors=True)


def _point(link: Path, folder: Path) -> None:
    """Make ``link`` name ``folder`` (a sibling) in one atomic step."""
    if link.exists() and not link.is_symlink():
        # a plain folder from an older layout: set it aside first
        shutil.rmtree(link)
    tmp = link.with_name(f".{link.name}.link-{os.getpid()}")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(folder.name, tmp)
    os.replace(tmp, link)


def is_current(stage: str, inputs: dict, layout: paths.Layout = paths.DEFAULT) -> bool:
    """True when the published set was built from exactly these inputs and this code; its
    manifest is then touched so that make sees the stage done."""
    found = manifest(stage, layout)
    if found.get("inputs") == inputs and found.get("code") == code_digest():
        os.utime(layout.manifest(stage))
        return True
    return False


@contextmanager
def publish(stage: str, inputs: dict | None = None, layout: paths.Layout = paths.DEFAULT) -> Iterator[StageWriter]:
    """Write a stage's tables into a staging folder; on success publish them together."""
    link = layout.stage(stage)
    parent = link.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{stage}-tmp-{os.getpid()}-", dir=parent))
    writer = StageWriter(stage, staging)
    try:
        yield writer
        body = {"stage": stage, "tables": dict(sorted(writer.tables.items())), "inputs": inputs or {},
                "code": code_digest(), **writer.extra}
        version = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]
        body["version"] = version
        (staging / paths.MANIFEST).write_text(json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                              encoding="utf-8")
        final = parent / f".{stage}-{version}"
        if link.is_symlink() and os.readlink(link) == final.name and (final / paths.MANIFEST).is_file():
            shutil.rmtree(staging)  # the same set is already published (and still there)
            os.utime(final / paths.MANIFEST)
        else:
            if final.exists():
                shutil.rmtree(final)
            os.chmod(staging, 0o755)
            os.rename(staging, final)
            _point(link, final)
        _remove_leftovers(parent, stage, keep={final})
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
