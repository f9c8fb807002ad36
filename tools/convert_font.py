"""Convert Noto Sans CJK SC (CFF outlines) into the TrueType font bundled in resources/fonts.

reportlab embeds only TrueType (glyf) fonts, and Noto CJK ships with PostScript (CFF)
outlines, so we convert once with fontTools and commit the result:

    apt-get install fonts-noto-cjk          # Debian 12: 1:20220127+repack1-1 (font 2.004)
    python tools/convert_font.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]

Layout features (GSUB/GPOS) are dropped: the forms and lists only need one glyph per
character, and dropping them lets the subsetter keep just the glyphs the cmap reaches.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FAMILY = "Noto Sans CJK SC"
ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "fonts" / "NotoSansCJKsc-Regular.ttf"
MAX_ERR = 1.0  # font units; 1/1000 em is invisible at print sizes


def pick_face(path: str) -> TTFont:
    """Return the Simplified Chinese face from the collection."""
    collection = TTCollection(path)
    for font in collection.fonts:
        if font["name"].getDebugName(1) == FAMILY:
            return font
    raise SystemExit(f"{FAMILY} not found in {path}")


def drop_layout(font: TTFont) -> None:
    """Keep only glyphs reachable from the cmap; no layout features."""
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "BASE", "JSTF", "VORG", "vhea", "vmtx"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replace CFF outlines with quadratic TrueType outlines (fontTools' otf2ttf recipe)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    for glyph in glyphs.values():
        glyph.recalcBounds(glyf)
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and reportlab does not need them
    font["head"].indexToLocFormat = 1
    font.sfntVersion = "\x00\x01\x00\x00"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=SOURCE)
    parser.add_argument("--out", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    font = pick_face(args.source)
    drop_layout(font)
    cff_to_glyf(font)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    font.save(args.out)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB, {len(font.getGlyphOrder())} glyphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
