"""The cache as one site uses it: its folder, salted with everything outside
a page that changes what is made from it, and the site's name, under which
it keeps what the site's last build used (see cache.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from .cache import Cache, code_version
from .config import JourneysConfig, cache_folder

log = get_plugin_logger(__name__)


def open_cache(config: MkDocsConfig, options: JourneysConfig, language: str) -> Cache:
    """The cache; in memory, with a warning, when its folder cannot be made
    (a file in its way, no permission): a cache costs speed, never the build."""
    folder, salt = _cache_dir(config, options), _salt(config, options, language)
    try:
        return Cache(folder, salt)
    except OSError as error:
        reason = error.strerror or error
        log.warning(f"cache_dir: cannot use {folder} ({reason}); this build keeps nothing for the next")
        return Cache(None, salt)


def _cache_dir(config: MkDocsConfig, options: JourneysConfig) -> str | None:
    """The cache folder; None when the cache is off."""
    return cache_folder(config.config_file_path or "", options.cache_dir) if options.cache else None


def _salt(config: MkDocsConfig, options: JourneysConfig, language: str) -> str:
    """Everything outside a page that changes what is made from it: the
    package's code, the plugin's options, the site's URL style and any
    journey templates the site overrides."""
    overrides = [
        (path.name, path.read_bytes().decode("utf-8", "replace"))
        for folder in config.theme.dirs
        if (Path(folder) / "journeys").is_dir()
        for path in sorted((Path(folder) / "journeys").rglob("*")) if path.is_file()
    ]
    kept = {k: v for k, v in options.items() if k not in ("cache", "cache_dir", "processes")}
    kept = json.dumps(kept, default=dict, sort_keys=True)
    return json.dumps([code_version(), kept, language, config.use_directory_urls, overrides])


def site_name(config: MkDocsConfig) -> str:
    """Which site, in which URL style (`--no-directory-urls` is given
    for one build, or Material's offline plugin is on for one): the cache
    keeps what the last build of each used. Asked once the build is done,
    as a plugin after this one may change the style. A new version of the
    code, or changed options, replace what it used.
    The site by its configuration file's name and its `site_name`, not
    its folder: a copy elsewhere (as a CI job restores the cache into a
    new checkout) is the same site, and two sites' `mkdocs.yml` sharing
    a `cache_dir` are two."""
    return json.dumps([os.path.basename(config.config_file_path or ""), config.site_name,
                       config.use_directory_urls])
