"""A compiled copy of the bundled knowledge base, so that every run starts fast.

Parsing the bundled YAML and building the indexes takes about 30 s on a 2-core
machine (some 61,000 actors, most of them office holders); loading the pickled
result takes about 0.2 s. The same folder keeps other tables built from bundled data
(`load_or_build`'s `prefix`): the GeoNames city and region tables, the PLOVER
lexicon, the actor ruler's tokenized phrases and the language detector. The copy
lives in the user's cache folder (`$WATCHFLOOR_CACHE_DIR`, else
`$XDG_CACHE_HOME/watchfloor`, else `~/.cache/watchfloor`) under a name derived from
the bytes of the data files and of the modules that build it, so any change to
either builds a new copy.
Set `WATCHFLOOR_CACHE_DIR` to an empty string to turn the cache off. A cache
that cannot be read or written is rebuilt or skipped: it only ever costs time.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import TypeVar

CACHE_ENV = "WATCHFLOOR_CACHE_DIR"
CACHE_FORMAT = 1
# Modules whose code decides what the pickled knowledge base contains.
BUILDER_MODULES = (
    "records.py",
    "resolve/abbreviations.py",
    "resolve/actor_entries.py",
    "resolve/bundled.py",
    "resolve/generic_terms.py",
    "resolve/knowledge.py",
    "resolve/names.py",
)
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError)

Built = TypeVar("Built")


def cache_dir() -> Path | None:
    """Where compiled copies go, or None when caching is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "watchfloor"


def source_key(data_files: Iterable[str]) -> str:
    """A digest of the data files (under data/actors/) and the builder modules."""
    package = resources.files("watchfloor")
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{sys.version_info[:2]}".encode())
    paths = [package.joinpath("data", "actors", name) for name in data_files]
    paths += [package.joinpath(*module.split("/")) for module in BUILDER_MODULES]
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def load_or_build(
    key: str, build: Callable[[], Built], kind: type[Built], prefix: str = "knowledge"
) -> Built:
    """The cached object for `key` if there is one of type `kind`, else `build()` and store it.

    Files are named `{prefix}-{key}.pickle`; building one removes the others of its prefix.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{prefix}-{key}.pickle"
    cached = _read(path, kind)
    if cached is not None:
        return cached
    built = build()
    _store(path, built)
    for stale in folder.glob(f"{prefix}-*.pickle"):
        if stale != path:
            stale.unlink(missing_ok=True)  # copies built from older sources
    return built


def _read(path: Path, kind: type[Built]) -> Built | None:
    """The object pickled at `path`; None when it is missing, damaged or of another type."""
    collecting = gc.isenabled()
    gc.disable()  # the objects read are all kept: collecting while they come costs up to half
    try:
        with path.open("rb") as stream:
            cached = pickle.load(stream)  # our own file, named by the digest of its sources
    except _UNREADABLE:
        return None
    finally:
        if collecting:
            gc.enable()
    # Callers keep what they read for the life of the process: moved out of the collector's
    # reach, its hundreds of thousands of objects are not walked again by every full
    # collection (0.3 s of a start-up, and more over a long ingest).
    gc.freeze()
    return cached if isinstance(cached, kind) else None


def _store(path: Path, value: object) -> None:
    """Write atomically, so a concurrent run never reads half a file; skip on a disk error."""
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as stream:
            temporary = Path(stream.name)
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
