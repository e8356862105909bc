"""What the plugin derives from journeys, kept on disk between builds, as
Material's own plugins keep theirs under `.cache/plugin/`: a rebuild, or a
reload under `mkdocs serve`, draws only the maps whose input changed.

An entry's name is a hash of everything that went into it, salted with the
package's own files, the libraries it draws with and the site's options, so
an entry is never stale: a changed input asks for a different name. (A page's
check also depends on which pages it links to exist: record.py keeps those
answers and checks them on every build.) Entries are written whole (to a
temporary file, then renamed), an unreadable one counts as missing, and the
folder can be deleted at any time. After a build, entries that build did not
use are removed, unless the last build of another site sharing the folder,
or of the same site in the other URL style, used them within a week (the
folder holds one site's worth of maps for each), or they were written while
the build ran (by another build over the same folder, at the same time).

Entries handed out as files (`file`) may be hard-linked into a built site
(site_files.py). Whatever writes into such a site file in place, or changes its
permissions, changes the entry too, so the cache remembers a hash of each
file entry's content (in STAMPS) and makes again any entry whose content no
longer matches, or whose permissions are not those this build would give a
new file.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import platform
import re
import stat
import tempfile
import time
from importlib import metadata
from importlib.resources import files
from pathlib import Path
from typing import Callable

# Each file entry as this cache wrote it: [the permissions it was given, those
# it has (Windows keeps only read-only), a hash of its content].
STAMPS = "stamps.json"
# The entries the last build of one site used (`used-` and a hash of the
# site's name): kept through other sites' builds for OTHERS_KEPT seconds.
_USED = re.compile(r"used-[0-9a-f]{16}\.json\Z")
OTHERS_KEPT = 7 * 24 * 3600


class Cache:
    """Texts by key: in `folder` on disk, or in memory when `folder` is None
    (the cache turned off: the build still renders each thing once)."""

    def __init__(self, folder: str | Path | None, salt: str) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.salt = salt
        self.memory: dict[str, str] = {}
        self.used: set[str] = set()  # entries this build asked for
        self.made: set[str] = set()  # entries this build wrote
        self.found: set[str] = set()  # entries used that an earlier build made
        self.stamps: dict[str, list] = {}
        # Entries written since may be another build's, still at work. File
        # times come from a coarser clock, up to a tick behind time.time().
        self.started = time.time() - 0.05
        self.mode = file_mode()  # what MkDocs' own files get, and so must entries linked into the site
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                self.stamps = json.loads((self.folder / STAMPS).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass  # no stamps: the file entries are made again
            if not isinstance(self.stamps, dict):
                self.stamps = {}

    def key(self, *parts: object) -> str:
        """A name for an entry made from `parts` (JSON-able values)."""
        data = json.dumps([self.salt, *parts], ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def path(self, key: str, suffix: str) -> Path | None:
        """Where an entry lives on disk (None when the cache is in memory)."""
        return self.folder / f"{key}{suffix}" if self.folder is not None else None

    def get(self, key: str, suffix: str) -> str | None:
        name = key + suffix
        self.used.add(name)
        if name in self.memory:
            return self.memory[name]
        path = self.path(key, suffix)
        text = None
        if path is not None:
            try:
                text = read_file(path)[1].decode("utf-8")  # as written: a "\r" stays one
            except (OSError, UnicodeDecodeError):
                pass
        if text is not None and name not in self.made:
            self.found.add(name)
        return text

    def put(self, key: str, suffix: str, text: str) -> str:
        self._put(key, suffix, text)
        return text

    def _put(self, key: str, suffix: str, text: str) -> int | None:
        """Keep `text`; the permission bits of its file, None when it is
        kept in memory."""
        name = key + suffix
        self.used.add(name)
        self.made.add(name)
        self.found.discard(name)  # read earlier in this build, then gone: made, not found
        path = self.path(key, suffix)
        if path is not None:
            try:
                try:
                    return write_whole(path, text, self.mode)
                except FileNotFoundError:  # the folder was deleted while the build ran
                    path.parent.mkdir(parents=True, exist_ok=True)
                    return write_whole(path, text, self.mode)
            except OSError:
                pass  # a full or read-only disk costs speed, not the build
        self.memory[name] = text
        return None

    def forget(self, key: str, suffix: str) -> None:
        """An entry that was found but cannot be used (it is made again)."""
        self.found.discard(key + suffix)

    def text(self, key: str, suffix: str, make: Callable[[], str]) -> str:
        """The entry, made (and kept) when it is missing."""
        found = self.get(key, suffix)
        return found if found is not None else self.put(key, suffix, make())

    def json(self, key: str, make: Callable[[], object]) -> object:
        """`text` for plain data."""
        found = self.get(key, ".json")
        if found is not None:
            try:
                return json.loads(found)
            except ValueError:  # damaged: made again
                self.forget(key, ".json")
        return self.put_json(key, make())

    def put_json(self, key: str, value: object) -> object:
        """Keep `value`; return it as a later build will read it back (dates
        become text), so a first build and a cached one see the same data."""
        text = json.dumps(value, ensure_ascii=False, default=str)
        self.put(key, ".json", text)
        return json.loads(text)

    def keep(self, key: str, suffix: str) -> bool:
        """Is the entry there? If so, it stays after this build, as one it used:
        the entries made from it (a page's part, from its map) may be found
        while it is not read."""
        if not self.has(key, suffix):
            return False
        self.used.add(key + suffix)
        return True

    def has(self, key: str, suffix: str) -> bool:
        """Is the entry there (without reading it)?"""
        path = self.path(key, suffix)
        return key + suffix in self.memory or (path is not None and path.is_file())

    def ready(self, key: str, suffix: str) -> Path | None:
        """A file entry as this cache wrote it; None when it is missing or
        changed since (`file` makes it)."""
        path = self.path(key, suffix)
        name = key + suffix
        stamp = _stamp(path) if path is not None and name not in self.memory else None
        if stamp is not None and [self.mode, *stamp] == self.stamps.get(name):
            self.used.add(name)
            if name not in self.made:
                self.found.add(name)
            return path
        return None

    def file(self, key: str, suffix: str, make: Callable[[], str]) -> Path | None:
        """The entry's file (made when it is not `ready`), for the site to
        link or copy without reading it here; None when the entry is kept in memory."""
        if (found := self.ready(key, suffix)) is not None:
            return found
        text = make()
        mode = self._put(key, suffix, text)
        if mode is None:
            return None
        # As _stamp would read it back: a first build makes about a thousand.
        self.stamps[key + suffix] = [self.mode, mode, hashlib.sha256(text.encode("utf-8")).hexdigest()]
        return self.path(key, suffix)

    def prune(self, site: str = "") -> int:
        """Remove the entries neither this build nor another site's recent
        build used; how many went. `site` names which site, in which URL
        style, this build was for: what it used is kept through other sites'
        builds."""
        if self.folder is None:
            return 0
        try:
            entries = list(os.scandir(self.folder))
        except OSError:  # gone, or made unreadable, while the build ran
            return 0
        own = used_list(site)
        kept = self.used | self._used_by_others(entries, own)
        stamps = {name: stamp for name, stamp in self.stamps.items() if name in kept}
        for name, text in ((STAMPS, json.dumps(stamps, sort_keys=True)), (own, json.dumps(list(self.used)))):
            try:
                write_whole(self.folder / name, text, self.mode)
            except OSError:
                # without stamps the next build makes its file entries again;
                # without its list, another's removes them
                pass
        removed = 0
        for entry in entries:
            if entry.name not in kept and _ENTRY_NAME.match(entry.name) and entry.is_file():
                try:
                    # A build running beside this one over the same folder has
                    # not written its list yet: what it made meanwhile stays.
                    if entry.stat().st_mtime < self.started:
                        os.unlink(entry.path)
                        removed += 1
                except OSError:
                    pass
        return removed


    @staticmethod
    def _used_by_others(entries: list[os.DirEntry], own: str) -> set[str]:
        """What the last build of each other site sharing the folder used,
        when it ran within OTHERS_KEPT (older lists go)."""
        used: set[str] = set()
        for entry in entries:
            if entry.name == own or not _USED.match(entry.name):
                continue
            try:
                if time.time() - entry.stat().st_mtime > OTHERS_KEPT:
                    os.unlink(entry.path)
                    continue
                names = json.loads(read_file(Path(entry.path))[1])
            except (OSError, ValueError):
                continue  # gone, or damaged: its entries are not kept
            if isinstance(names, list):
                used.update(name for name in names if isinstance(name, str))
        return used


def used_list(site: str) -> str:
    """The name of the list of what the last build of `site` used."""
    return f"used-{hashlib.sha256(site.encode('utf-8')).hexdigest()[:16]}.json"


# What this cache writes: entries (a hash and a suffix) and temporary files.
# Nothing else in its folder is removed, were `cache_dir` set to a folder
# that holds other files.
_ENTRY_NAME = re.compile(r"([0-9a-f]{64}\.|\.tmp-)")


def write_whole(path: Path, text: str, mode: int) -> int:
    """Whole or not at all: a build that is stopped half-way, or two builds
    at once, never leave half a file under its final name. A first build
    writes thousands of entries: the temporary file is named by the process
    and a count (mkstemp's random names and retries cost a fifth of a write)
    and given its permissions as it is made (mkstemp's 0600 would follow a
    linked entry into the site). Bytes as they are: O_BINARY on Windows.
    Returns the file's permission bits as the system keeps them (what
    _stamp reads back)."""
    temporary = path.parent / f".tmp-{os.getpid()}-{next(_TEMPORARIES)}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(temporary, flags, mode)
    except FileExistsError:  # left by a process that had the same id (another container)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        temporary = Path(name)
    try:
        try:
            if hasattr(os, "fchmod"):  # also where the cache folder's default ACL would narrow it
                os.fchmod(handle, mode)
            data = memoryview(text.encode("utf-8"))
            while data:
                data = data[os.write(handle, data):]
            kept = os.fstat(handle).st_mode  # as kept: a file system may ignore modes (SMB, WSL's drives)
        finally:
            os.close(handle)
        if not hasattr(os, "fchmod"):  # Windows before Python 3.13
            os.chmod(temporary, mode)
            kept = os.stat(temporary).st_mode
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return stat.S_IMODE(kept)


_TEMPORARIES = itertools.count()


def _stamp(path: Path) -> tuple[int, str] | None:
    """A file's permission bits and a hash of its content; None when it cannot be read."""
    try:
        mode, content = read_file(path)
    except OSError:
        return None
    return stat.S_IMODE(mode), hashlib.sha256(content).hexdigest()


def read_file(path: Path) -> tuple[int, bytes]:
    """A file's mode and bytes, most often in four system calls where
    `open()` makes nine (its checks for a terminal, its buffer, its
    position): a warm build of 500 journeys makes about 2,500 such reads."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(handle)
        data = os.read(handle, status.st_size + 1)
        if data and len(data) != status.st_size:  # cut short (a signal), or grown since: read on to the end
            chunks = [data]
            while chunk := os.read(handle, max(status.st_size, 1 << 16)):
                chunks.append(chunk)
            data = b"".join(chunks)
        return status.st_mode, data
    finally:
        os.close(handle)


def file_mode() -> int:
    """The permissions a new file gets under the process's umask."""
    return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask. Linux tells it; elsewhere it can only be read by
    setting it, and is set back at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def code_version() -> str:
    """A hash of the package's own files (code, templates, styles, scripts)
    and of the versions of Python and of the libraries that draw and write:
    a new release, or an upgrade, makes every entry new. (Read once per
    process, as Python reads the code once.)"""
    global _CODE_VERSION
    if _CODE_VERSION is None:
        digest = hashlib.sha256(platform.python_version().encode())
        for library in ("svgwrite", "jinja2", "markupsafe", "pydantic", "PyYAML", "coloraide", "pyphen"):
            digest.update(f"{library} {metadata.version(library)}\0".encode())
        root = files("journeymaps")
        for path in sorted(_package_files(root), key=lambda p: p[0]):
            digest.update(path[0].encode("utf-8") + b"\0" + path[1].read_bytes() + b"\0")
        _CODE_VERSION = digest.hexdigest()
    return _CODE_VERSION


_CODE_VERSION: str | None = None


def _package_files(folder, prefix: str = ""):
    for item in folder.iterdir():
        name = prefix + item.name
        if item.is_dir():
            if item.name != "__pycache__":
                yield from _package_files(item, name + "/")
        elif item.name.endswith((".py", ".html", ".css", ".js", ".json", ".yml")):
            yield name, item
