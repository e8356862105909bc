"""Files of the site whose content is a cache entry: a page's download and a
kiosk picture, linked into the site from the cache folder instead of written
again, and the kiosk's playlist and version, put in after every other. A
missing entry is made as soon as the map it waits for is drawn, at the
latest when the build ends (on_post_build); a file MkDocs passed by while its
map was still being drawn goes into the site then. On MkDocs' File, so on the
adapter's side.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Container

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .cache import Cache, write_whole
from .draw import Drawer, Job


class SiteFiles:
    """One build's files whose content is a cache entry, and the entries
    still to make."""

    def __init__(self, cache: Cache, drawer: Drawer) -> None:
        self.cache = cache
        self.drawer = drawer
        self.pending: dict[str, CacheFile] = {}  # by entry: files whose entries are made once their maps are drawn
        self.waiting: dict[str, str] = {}  # drawer keys -> the pending entries they are drawn for
        self.last: list[CacheFile] = []  # the kiosk's playlist and version, written last (see plugin._kiosk)
        self.files: Files | None = None  # the site's files as MkDocs copies them (see passed_by)

    def generated(self, config: MkDocsConfig, uri: str, key: str, suffix: str, make: Callable[[], str]) -> File:
        """A generated file whose content is a cache entry: linked into the
        site from the cache folder instead of written again (or held in
        memory). A missing entry is made once its map is drawn, at the
        latest in on_post_build (see plugin.on_env): until then the file's source
        does not exist (or is empty, with the cache off)."""
        source = self.cache.ready(key, suffix)
        if source is not None:
            file = self._cache_file(config, uri, abs_src_path=str(source))
        else:
            path = self.cache.path(key, suffix)
            file = self._cache_file(config, uri, **({"abs_src_path": str(path)} if path else {"content": ""}))
            self.pending[key + suffix] = file
        file.version = key[:16]
        file.make_entry = lambda: self._make_entry(file, key, suffix, make)
        file.remake = lambda: self.cache.put(key, suffix, make())
        return file

    def written_last(self, config: MkDocsConfig, uri: str, content: str) -> File:
        """A file put into the site after every other, when the build ends."""
        file = self._cache_file(config, uri, content=content)
        file.later = True
        self.last.append(file)
        return file

    def _cache_file(self, config: MkDocsConfig, uri: str, **source: str) -> CacheFile:
        file = CacheFile.generated(config, uri, **source)
        file.mode = self.cache.mode  # the umask's, read once a build (not once a file)
        return file

    def ahead(self, key: str, job: Job, entry: str) -> None:
        """A map to draw ahead, and the entry that waits for it (a page's
        download or a kiosk picture, made by on_post_build at the latest);
        the entry is made as soon as the map is drawn."""
        self.drawer.ahead(key, job)
        self.waiting[key] = entry

    def drawn(self, key: str) -> None:
        """The map `key` is drawn: make the entry that waits for it, if any."""
        if self.waiting.get(key) in self.pending:
            self._make_pending(self.waiting.pop(key))

    def passed_by(self, files: Files, later: Container[str]) -> None:
        """MkDocs copies `files` now (on_env): with workers running, every
        entry not made yet goes into the site once made, and so do those
        named in `later` (kiosk pictures drawn while the pages are written)."""
        self.files = files
        for name, file in list(self.pending.items()):
            if name in later or self.drawer.pool is not None:
                file.later = True
            else:  # no workers: waiting for the pages would not make them sooner
                self._make_pending(name)

    def finish(self) -> None:
        """Every entry still missing made and put into the site, and the files written last."""
        for name in list(self.pending):
            self._make_pending(name)
        for file in self.last:
            self._copy_late(file)

    def _make_pending(self, name: str) -> None:
        file = self.pending.pop(name)
        file.make_entry()
        if file.later:  # a download or kiosk picture MkDocs passed by
            self._copy_late(file)

    def _make_entry(self, file: CacheFile, key: str, suffix: str, make: Callable[[], str]) -> None:
        if self.cache.file(key, suffix, make) is None:  # kept in memory
            file.content_string = self.cache.get(key, suffix)

    def _copy_late(self, file: CacheFile) -> None:
        """Into the site now, if still one of its files."""
        file.later = False
        if self.files.get_file_from_path(file.src_uri) is file:
            file.copy_file()


class CacheFile(File):
    """A download or kiosk map. Most builds write the same ones again, and on
    a slow disk creating a file and its bytes costs as much as drawing a
    page: a hard link to the cache entry makes one directory entry instead.
    (cache.py makes again an entry that something changed through its link.)
    Also the kiosk's playlist and version, which are put in last."""

    later = False  # passed by when MkDocs copies files (its map still being drawn): put in when done
    make_entry: Callable[[], None] | None = None  # makes its cache entry, or keeps its content
    remake: Callable[[], str] | None = None  # makes its cache entry again and returns its text
    mode = 0o644  # of the site file, when written from memory
    version = ""  # its entry's name, which names its content (see url_from)

    def url_from(self, origin: File) -> str:
        """Its address from `origin`, naming its content: the file keeps its
        name from build to build, and a browser would show the copy it holds
        fresh (without a Cache-Control header, for a tenth of its age)."""
        return f"{self.url_relative_to(origin)}?v={self.version}" if self.version else self.url_relative_to(origin)

    def copy_file(self, dirty: bool = False) -> None:
        if self.later:
            return
        try:
            self._put_in_site()
        except OSError:
            # Its entry went while the build ran: the cache folder deleted
            # (as `mkdocs serve` rebuilds), or removed by a build of another
            # site sharing it. Made again, it costs time, not the build; and
            # written into the site from memory, not linked, as it may go again.
            if self.remake is None or self.abs_src_path is None or os.path.exists(self.abs_src_path):
                raise
            self._write(self.remake())

    def _put_in_site(self) -> None:
        if self.abs_src_path is None:  # in memory: the kiosk's playlist and version, or any with the cache off
            return self._write(self.content_string)
        try:
            return _link(self.abs_src_path, self.abs_dest_path)
        except OSError:  # another file system, or one without links
            pass
        Path(self.abs_dest_path).unlink(missing_ok=True)
        super().copy_file(dirty=False)

    def _write(self, text: str) -> None:
        # Never written into the site file in place: it may be a link to an
        # entry (and a kiosk must never read half a playlist).
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        write_whole(Path(self.abs_dest_path), text, self.mode)


def _link(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except FileNotFoundError:  # its folder is not there yet
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        os.link(source, destination)
    except FileExistsError:  # a --dirty build: an earlier build's file
        if not os.path.samefile(source, destination):
            os.unlink(destination)
            os.link(source, destination)
