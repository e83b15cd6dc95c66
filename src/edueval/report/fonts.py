"""Chinese glyphs everywhere, with no system fonts and no network.

Noto Sans SC (SIL Open Font License) comes from the PyPI package
``pylopdf-fonts-zh-cn``. Charts register it with matplotlib; HTML pages get a
subset holding only the characters they use, embedded as a WOFF data URI, with
TrueType outlines converted from the font's CFF ones (cheaper to subset for every page).
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


def _options(flavor: str | None):
    from fontTools import subset

    options = subset.Options()
    options.flavor = flavor
    # fontTools' default features are those a browser applies to horizontal text (kerning,
    # ligatures, marks, locl…); "*" also kept vertical and alternate forms no page asks for,
    # which cost a third of the subsetting time and 40 % of the font's bytes
    options.layout_features = subset.Options().layout_features
    options.desubroutinize = True  # faster to subset, and smaller once compressed
    options.name_IDs = ["*"]
    options.notdef_outline = True
    return options


def _subset(source: bytes, chars: frozenset[str], flavor: str | None) -> bytes:
    """``source`` cut down to the glyphs of ``chars``, deterministic for the same characters."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # bounding boxes are kept from the whole font: recomputing them from the subset's outlines
    # (hhea, vhea, CFF FontBBox) took about 40 % of the subsetting time, and a box that holds
    # every glyph of the font holds those of the subset
    font = TTFont(io.BytesIO(source), recalcTimestamp=False, recalcBBoxes=False)
    subsetter = subset.Subsetter(_options(flavor))
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    return _saved(font, flavor)


def _saved(font, flavor: str | None) -> bytes:
    if flavor:  # a page's font: fixed timestamps keep it byte-identical between builds (the
        # cover keeps the font's own, which fontTools reads without a warning)
        font["head"].created = font["head"].modified = 0
    out = io.BytesIO()
    font.flavor = flavor
    font.save(out, reorderTables=True)
    return out.getvalue()


MAX_ERR = 1.0  # font units (of 1,000 a em) between a cubic outline and its quadratic copy: fontTools' default


class _Quadratic:
    """The cover's outlines as TrueType (quadratic) glyphs, each converted once a process.

    A page's subset of a CFF font re-executes and recompiles every kept charstring (about
    0.3 CPU-s a page); a glyf table's glyphs are copied as they are (about a third of that).
    Each glyph is converted on its own (fontTools.cu2qu, as fontTools' otf2ttf does), so its
    bytes do not depend on which other glyphs the cover holds; bounding boxes and metrics come
    from the page's own glyphs (tests/report/test_fonts.py)."""

    def __init__(self):
        self.glyphs: dict[str, bytes] = {}

    def font(self, cff: bytes) -> bytes:
        from fontTools.pens.cu2quPen import Cu2QuPen
        from fontTools.pens.ttGlyphPen import TTGlyphPen
        from fontTools.ttLib import TTFont, newTable
        from fontTools.ttLib.tables._g_l_y_f import Glyph

        font = TTFont(io.BytesIO(cff), recalcTimestamp=False, recalcBBoxes=False)
        order = font.getGlyphOrder()
        outlines = font.getGlyphSet()
        glyf = font["glyf"] = newTable("glyf")
        glyf.glyphOrder, glyf.glyphs = order, {}
        hmtx = font["hmtx"].metrics
        for name in order:
            if name not in self.glyphs:
                pen = TTGlyphPen(None)
                outlines[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
                glyph = pen.glyph()
                glyph.recalcBounds(glyf)
                self.glyphs[name] = glyph.compile(glyf, recalcBBoxes=False)
            glyf.glyphs[name] = glyph = Glyph(self.glyphs[name])
            glyph.expand(glyf)
            hmtx[name] = (hmtx[name][0], glyph.xMin if glyph.numberOfContours else 0)
        font["loca"] = newTable("loca")
        del font["CFF "]
        if "VORG" in font:
            del font["VORG"]
        maxp = font["maxp"] = newTable("maxp")
        maxp.tableVersion, maxp.numGlyphs = 0x00010000, len(order)
        for field in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxTwilightPoints",
                      "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                      "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
            setattr(maxp, field, 0)  # no hinting; the point counts are recomputed for each page
        maxp.maxZones = 1
        post = font["post"]
        post.formatType, post.extraNames, post.mapping = 3.0, [], {}
        font.sfntVersion = "\x00\x01\x00\x00"
        out = io.BytesIO()
        font.save(out, reorderTables=True)
        return out.getvalue()


def _page_subset(source: bytes, chars: frozenset[str]) -> bytes:
    """A page's WOFF from a TrueType cover: the glyphs copied as they are (boxes and metrics of
    head and hhea are the whole font's, as the cover keeps them; maxp's counts are the page's
    glyphs'), so the bytes depend on ``chars`` only, never on the cover's extent."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(source), recalcTimestamp=False, recalcBBoxes=False)
    # fontTools prunes the name table by visiting every other table for the name ids they
    # use (half of a TrueType subset's time); the cover's names are all below 256, which
    # name_IDs "*" keeps whatever the visit finds, so the table is set aside and put back
    names = font["name"]
    if all(n.nameID < 256 for n in names.names):
        del font["name"]
    else:
        names = None
    subsetter = subset.Subsetter(_options("woff"))
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    if names is not None:
        font["name"] = names
    _count_points(font)
    return _saved(font, "woff")


def _count_points(font) -> None:
    """maxp's largest point and contour counts, read from each simple glyph's header (the
    glyphs stay as bytes: expanding them to recompute boxes doubled the subset's cost)."""
    import struct

    glyf, maxp = font["glyf"], font["maxp"]
    points = contours = 0
    for name in font.getGlyphOrder():
        glyph = glyf.glyphs[name]
        data = glyph.compile(glyf, recalcBBoxes=False) if not hasattr(glyph, "data") else glyph.data
        count = struct.unpack(">h", data[:2])[0] if data else 0
        if count > 0:  # the cover's glyphs are simple: _Quadratic draws no components
            contours = max(contours, count)
            points = max(points, struct.unpack(">H", data[8 + 2 * count:10 + 2 * count])[0] + 1)
    maxp.maxPoints, maxp.maxContours = points, contours


def _package_chars() -> frozenset[str]:
    """Every character of the package's reader-facing data: words, region names, templates."""
    from .. import paths

    files = [*(paths.PACKAGE_DIR / "reference").glob("*.csv"), *Path(__file__).with_name("catalogue").glob("*.csv"),
             *(paths.PACKAGE_DIR / "templates" / "report").glob("*.j2")]
    return frozenset("".join(f.read_text(encoding="utf-8") for f in sorted(files))) - {"\n", "\r", "\t"}


class _Cover:
    """The whole font cut down to every character this process's pages have asked for.

    Most of a subset's cost from the whole font (31,000 glyphs) is reading its tables, not the
    page's glyphs; a page's subset taken from this smaller font, converted once to TrueType
    (_Quadratic), has the same bytes as one from a cover of that page alone
    (tests/report/test_fonts.py checks it), for about a third of the CPU of a CFF subset. The
    cover is widened, from the whole font, when a page brings characters it lacks; only the
    new glyphs are converted."""

    def __init__(self):
        self.chars: frozenset[str] = frozenset()
        self.seeded = False
        self.truetype = b""
        self._quadratic = _Quadratic()
        self._lock = threading.Lock()

    def source_for(self, chars: frozenset[str]) -> bytes:
        with self._lock:
            if not chars <= self.chars:
                # the first cover also holds the package's own words and region names, which
                # most pages use: fewer widenings (each about a second) later
                self.chars = self.chars | chars | (frozenset() if self.seeded else _package_chars())
                self.seeded = True
                # the CFF cut is only the converter's input: not kept beside its TrueType copy
                self.truetype = self._quadratic.font(_subset(_font_bytes(), self.chars, flavor=None))
            return self.truetype


_COVER = _Cover()


def subset_woff(text: str) -> bytes:
    """A WOFF font holding the glyphs of ``text`` (plus ASCII), deterministic for the same text."""
    chars = frozenset(text) | ASCII
    return _page_subset(_COVER.source_for(chars), chars)  # zlib-compressed; WOFF2 would need brotli


def subset_woff_from_whole_font(text: str) -> bytes:
    """The same subset taken from a cover of exactly ``text`` cut from the whole font, with
    nothing of this process's cover (what the process's cover must reproduce)."""
    chars = frozenset(text) | ASCII
    return _page_subset(_Quadratic().font(_subset(_font_bytes(), chars, flavor=None)), chars)


def font_face_css(text: str) -> str:
    """An @font-face rule embedding the subset for ``text``."""
    data = base64.b64encode(subset_woff(text)).decode("ascii")
    return (
        f"@font-face {{ font-family: '{FONT_FAMILY}'; font-style: normal; font-weight: 400; "
        f"src: url(data:font/woff;base64,{data}) format('woff'); }}"
    )
