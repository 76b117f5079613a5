"""A palette PNG from an array of palette indices: how big heatmaps travel inside their SVG.

One byte per cell and a palette of at most 256 colours is what a heatmap is, so an indexed PNG
(colour type 3) holds it exactly in a few kilobytes, where one SVG element per cell would take
about 70 bytes each. The format is small enough to write with zlib alone (PNG specification,
sections 5 and 11: signature, IHDR, PLTE, IDAT, IEND; each row prefixed with filter type 0).
"""

import base64
import struct
import zlib

import numpy as np

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def indexed_png(indices, palette):
    """PNG bytes of a 2-D uint8 array of indices into `palette`, an (n <= 256, 3) uint8 array."""
    indices = np.ascontiguousarray(indices, dtype=np.uint8)
    height, width = indices.shape
    rows = np.zeros((height, width + 1), dtype=np.uint8)  # column 0: each row's filter type, 0 (None)
    rows[:, 1:] = indices
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8 bits per index, colour type 3
    return (_SIGNATURE + _chunk(b"IHDR", header)
            + _chunk(b"PLTE", np.ascontiguousarray(palette, dtype=np.uint8).tobytes())
            + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 6)) + _chunk(b"IEND", b""))


def data_uri(png):
    """A `data:image/png;base64,...` URI of PNG bytes."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
