"""Reading back a PDF the program printed: its text and its fonts, with no PDF library beyond the standard one.

The self-test runs in the installed program, where pypdf (a test dependency) is not bundled, so
this reads what reportlab writes: objects with a direct /Length, Flate or ASCII85 streams, simple
(one byte a character) TrueType subsets with a /ToUnicode map. Not a general PDF parser.
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

_OBJECT = re.compile(rb"(\d+)\s+0\s+obj\b")
_STREAM = re.compile(rb">>\s*stream\r?\n")
_REFERENCE = re.compile(rb"/([^\s/\[\]()<>]+)\s+(\d+)\s+0\s+R")
_DELIMITERS = b"()<>[]{}/%"


@dataclass(frozen=True)
class PdfFont:
    """A font of the document: its PostScript name and whether the font file is inside the PDF."""

    name: str
    embedded: bool


@dataclass(frozen=True)
class _Object:
    head: bytes
    stream: bytes | None


def _decoded(head: bytes, raw: bytes) -> bytes:
    filters = re.search(rb"/Filter\s*(\[[^\]]*\]|/\w+)", head)
    for name in re.findall(rb"/(\w+)", filters.group(1)) if filters else []:
        if name == b"FlateDecode":
            raw = zlib.decompress(raw)
        elif name == b"ASCII85Decode":
            raw = base64.a85decode(raw.strip(), adobe=True)
        else:
            raise ValueError(f"不支持的PDF压缩方式 {name.decode()}")
    return raw


def _objects(data: bytes) -> dict[int, _Object]:
    found: dict[int, _Object] = {}
    position = 0
    while (match := _OBJECT.search(data, position)) is not None:
        start = match.end()
        end = data.find(b"endobj", start)
        if end < 0:
            break
        stream_start = _STREAM.search(data, start, end)
        if stream_start is None:
            found[int(match.group(1))] = _Object(data[start:end], None)
        else:
            head = data[start:stream_start.start() + 2]
            length = re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", head)
            begin = stream_start.end()
            stop = begin + int(length.group(1)) if length else data.find(b"endstream", begin)
            found[int(match.group(1))] = _Object(head, _decoded(head, data[begin:stop]))
            end = data.find(b"endobj", stop)
            if end < 0:
                break
        position = end + len(b"endobj")
    return found


def _unicode_map(cmap: bytes) -> dict[int, str]:
    table: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, first in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[code] = chr(int(first, 16) + offset)
    return table


def _fonts_by_name(objects: dict[int, _Object]) -> dict[bytes, int]:
    """Resource names (/F1+0) to the numbers of font objects, from every resource dictionary."""
    fonts = {number for number, obj in objects.items() if re.search(rb"/Type\s*/Font\b", obj.head)}
    names: dict[bytes, int] = {}
    for obj in objects.values():
        for name, number in _REFERENCE.findall(obj.head):
            if int(number) in fonts:
                names[name] = int(number)
    return names


def _literal(content: bytes, i: int) -> tuple[bytes, int]:
    """A (string) starting after its opening parenthesis; returns its bytes and the index after it."""
    out = bytearray()
    depth = 1
    escapes = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while i < len(content):
        c = content[i]
        i += 1
        if c == 0x5C:  # backslash
            nxt = content[i] if i < len(content) else 0
            if 0x30 <= nxt <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", content[i:i + 3])
                assert digits is not None
                out.append(int(digits.group(0), 8) & 0xFF)
                i += len(digits.group(0))
            elif nxt in (10, 13):
                i += 2 if content[i:i + 2] == b"\r\n" else 1
            else:
                out.append(escapes.get(nxt, nxt))
                i += 1
        elif c == 0x28:
            depth += 1
            out.append(c)
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                break
            out.append(c)
        else:
            out.append(c)
    return bytes(out), i


def _tokens(content: bytes) -> Iterator[tuple[str, bytes]]:
    """(kind, value): kind is 's' string, 'n' name, '[' or ']', or 'w' a number or operator."""
    i = 0
    while i < len(content):
        c = content[i:i + 1]
        if c.isspace():
            i += 1
        elif c == b"(":
            value, i = _literal(content, i + 1)
            yield "s", value
        elif c == b"<" and content[i + 1:i + 2] != b"<":
            end = content.index(b">", i)
            digits = re.sub(rb"\s", b"", content[i + 1:end])
            if re.fullmatch(rb"[0-9A-Fa-f]*", digits):
                yield "s", bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
            i = end + 1
        elif c in (b"[", b"]"):
            yield c.decode(), c
            i += 1
        elif c == b"%":
            while i < len(content) and content[i] not in b"\r\n":
                i += 1
        elif c in (b"<", b">", b"{", b"}", b")"):  # << >> of an inline dictionary, stray delimiters
            i += 2 if content[i:i + 2] in (b"<<", b">>") else 1
        else:
            start = i + 1 if c == b"/" else i
            i = start
            while i < len(content) and not content[i:i + 1].isspace() and content[i] not in _DELIMITERS:
                i += 1
            i = max(i, start + 1) if c != b"/" else i
            yield ("n" if c == b"/" else "w"), content[start:i]


def _text_pieces(content: bytes, maps: dict[bytes, dict[int, str]]) -> Iterator[str]:
    """The text of each BT … ET text object, its strings decoded with their fonts' maps, in order."""
    operands: list[tuple[str, bytes] | list[bytes]] = []
    array: list[bytes] | None = None
    font: dict[int, str] = {}
    piece: list[str] = []
    for kind, value in _tokens(content):
        if kind == "[":
            array = []
        elif kind == "]":
            operands.append(array or [])
            array = None
        elif array is not None:
            if kind == "s":
                array.append(value)
        elif kind in ("s", "n") or re.fullmatch(rb"[-+]?[\d.]+", value):
            operands.append((kind, value))
        else:
            if value == b"Tf" and len(operands) >= 2 and isinstance(operands[-2], tuple):
                font = maps.get(operands[-2][1], {})
            elif value in (b"Tj", b"'", b'"') and operands and isinstance(operands[-1], tuple):
                piece.append("".join(font.get(b, "\ufffd") for b in operands[-1][1]))
            elif value == b"TJ" and operands and isinstance(operands[-1], list):
                piece.extend("".join(font.get(b, "\ufffd") for b in s) for s in operands[-1])
            elif value == b"ET":
                yield "".join(piece)
                piece = []
            operands = []


def pdf_text(data: bytes) -> str:
    """Every text object of the document on a line of its own (like pdftotext, without the layout)."""
    objects = _objects(data)
    maps: dict[bytes, dict[int, str]] = {}
    for name, number in _fonts_by_name(objects).items():
        reference = re.search(rb"/ToUnicode\s+(\d+)\s+0\s+R", objects[number].head)
        cmap = objects.get(int(reference.group(1))) if reference else None
        maps[name] = _unicode_map(cmap.stream) if cmap is not None and cmap.stream else {}
    pieces: list[str] = []
    for number in _content_streams(objects):
        stream = objects[number].stream
        if stream is not None:
            pieces.extend(_text_pieces(stream, maps))
    return "\n".join(pieces)


def _content_streams(objects: dict[int, _Object]) -> list[int]:
    """Form XObjects (drawn by the pages) and then the pages' contents, in page order."""
    forms = [n for n, obj in objects.items() if re.search(rb"/Subtype\s*/Form\b", obj.head)]
    pages: list[int] = []
    for obj in objects.values():
        if re.search(rb"/Type\s*/Page\b", obj.head):
            contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)", obj.head)
            pages += [int(n) for n in re.findall(rb"(\d+)\s+0\s+R", contents.group(1))] if contents else []
    return [n for n in [*forms, *pages] if n in objects]


def pdf_fonts(data: bytes) -> list[PdfFont]:
    """Each font of the document, and whether its font program is embedded (FontFile, FontFile2 or 3)."""
    objects = _objects(data)
    found: list[PdfFont] = []
    for obj in objects.values():
        if not re.search(rb"/Type\s*/Font\b", obj.head):
            continue
        base = re.search(rb"/BaseFont\s*/([^\s/\[\]()<>]+)", obj.head)
        descriptor = re.search(rb"/FontDescriptor\s+(\d+)\s+0\s+R", obj.head)
        described = objects.get(int(descriptor.group(1))) if descriptor else None
        embedded = described is not None and re.search(rb"/FontFile[23]?\s", described.head) is not None
        found.append(PdfFont(base.group(1).decode("latin-1") if base else "?", embedded))
    return found
