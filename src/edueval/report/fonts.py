"""Chinese glyphs everywhere, with no system fonts and no network.

Noto Sans SC (SIL Open Font License) comes from the PyPI package
``pylopdf-fonts-zh-cn``. Charts register it with matplotlib; HTML pages get a
subset holding only the characters they use, embedded as a WOFF data URI.
"""
from __future__ import annotations

import base64
import io
import threading
from functools import lru_cache
from pathlib import Path

FONT_FAMILY = "Noto Sans SC"


def font_path() -> Path:
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.sans_path())


@lru_cache(maxsize=1)
def register_matplotlib_font() -> str:
    """Register Noto Sans SC with matplotlib and make it the default sans-serif font."""
    import matplotlib as mpl
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font_path()))
    name = font_manager.FontProperties(fname=str(font_path())).get_name()
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
    mpl.rcParams["axes.unicode_minus"] = False  # Noto Sans SC has no U+2212 in some builds
    mpl.rcParams["svg.fonttype"] = "path"
    return name


@lru_cache(maxsize=1)
def _font_bytes() -> bytes:
    return font_path().read_bytes()


ASCII = frozenset(chr(c) for c in range(0x20, 0x7F))


def _subset(source: bytes, chars: frozenset[str], flavor: str | None) -> bytes:
    """``source`` cut down to the glyphs of ``chars``, deterministic for the same characters."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # bounding boxes are kept from the whole font: recomputing them from the subset's outlines
    # (hhea, vhea, CFF FontBBox) took about 40 % of the subsetting time, and a box that holds
    # every glyph of the font holds those of the subset
    font = TTFont(io.BytesIO(source), recalcTimestamp=False, recalcBBoxes=False)
    options = subset.Options()
    options.flavor = flavor
    # fontTools' default features are those a browser applies to horizontal text (kerning,
    # ligatures, marks, locl…); "*" also kept vertical and alternate forms no page asks for,
    # which cost a third of the subsetting time and 40 % of the font's bytes
    options.layout_features = subset.Options().layout_features
    options.desubroutinize = True  # faster to subset, and smaller once compressed
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    if flavor:  # a page's font: fixed timestamps keep it byte-identical between builds (the
        # cover keeps the font's own, which fontTools reads without a warning)
        font["head"].created = font["head"].modified = 0
    out = io.BytesIO()
    font.flavor = flavor
    font.save(out, reorderTables=True)
    return out.getvalue()


def _package_chars() -> frozenset[str]:
    """Every character of the package's reader-facing data: words, region names, templates."""
    from .. import paths

    files = [*(paths.PACKAGE_DIR / "reference").glob("*.csv"), *Path(__file__).with_name("catalogue").glob("*.csv"),
             *(paths.PACKAGE_DIR / "templates" / "report").glob("*.j2")]
    return frozenset("".join(f.read_text(encoding="utf-8") for f in sorted(files))) - {"\n", "\r", "\t"}


class _Cover:
    """The whole font cut down to every character this process's pages have asked for.

    Most of a subset's cost from the whole font (31,000 glyphs) is reading its tables, not the
    page's glyphs; a page's subset taken from this smaller font has the same bytes (the same
    glyphs, tables and options: tests/report/test_fonts.py checks it), for about half the CPU.
    The cover is widened, from the whole font, when a page brings characters it lacks."""

    def __init__(self):
        self.chars: frozenset[str] = frozenset()
        self.seeded = False
        self.font = b""
        self._lock = threading.Lock()

    def source_for(self, chars: frozenset[str]) -> bytes:
        with self._lock:
            if not chars <= self.chars:
                # the first cover also holds the package's own words and region names, which
                # most pages use: fewer widenings (each about a second) later
                self.chars = self.chars | chars | (frozenset() if self.seeded else _package_chars())
                self.seeded = True
                self.font = _subset(_font_bytes(), self.chars, flavor=None)
            return self.font


_COVER = _Cover()


def subset_woff(text: str) -> bytes:
    """A WOFF font holding the glyphs of ``text`` (plus ASCII), deterministic for the same text."""
    chars = frozenset(text) | ASCII
    return _subset(_COVER.source_for(chars), chars, flavor="woff")  # zlib-compressed; WOFF2 would need brotli


def subset_woff_from_whole_font(text: str) -> bytes:
    """The same subset taken from the whole font directly (what the cover must reproduce)."""
    return _subset(_font_bytes(), frozenset(text) | ASCII, flavor="woff")


def font_face_css(text: str) -> str:
    """An @font-face rule embedding the subset for ``text``."""
    data = base64.b64encode(subset_woff(text)).decode("ascii")
    return (
        f"@font-face {{ font-family: '{FONT_FAMILY}'; font-style: normal; font-weight: 400; "
        f"src: url(data:font/woff;base64,{data}) format('woff'); }}"
    )
