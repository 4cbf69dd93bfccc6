"""The fingerprint of the content packs a catalog can see: it changes whenever any pack could
read differently (standard library only: the first frame uses it before pydantic loads)."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from pathlib import Path

from workbook import __version__


def fingerprint(folders: Iterable[Path]) -> str:
    """A short checksum of the Markdown files under ``folders`` (paths, sizes, times) and
    the program's version (two 32-bit checksums: a cache key, not a secret)."""
    seed = __version__.encode()
    crc, adler = zlib.crc32(seed), zlib.adler32(seed)
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(".md"):
                    path = os.path.join(root, name)
                    try:
                        info = os.stat(path)
                    except OSError:
                        continue
                    line = f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode()
                    crc, adler = zlib.crc32(line, crc), zlib.adler32(line, adler)
    return f"{crc:08x}{adler:08x}"
