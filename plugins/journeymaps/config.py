"""Options of the `journeys` plugin in `mkdocs.yml` (`plugins: - journeys: ...`)."""

from __future__ import annotations

import os

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from .colours import DEFAULT_SET, SETS
from .draw import usable_cpus


CACHE_DIR = ".cache/plugin/journeys"  # next to Material's own plugins' caches


class KillerOption(Config):
    """A site-wide killer: an experience no journey may give its customer."""

    id = opt.Type(str)
    label = opt.Type(str)


class ColorsOption(Config):
    """Face colours: a set, and any face's colour replaced (any opaque CSS
    colour). Faces differ in shape too, so a palette that suits a brand never
    makes emotions unreadable; the build warns when two colours are too close
    in lightness for colour-blind readers."""

    set = opt.Choice(tuple(SETS), default=DEFAULT_SET)
    """`traffic-light` (red, yellow, orange, green) or `viridis` (purple, blue, green, yellow)."""
    angry = opt.Optional(opt.Type(str))
    disappointed = opt.Optional(opt.Type(str))
    indifferent = opt.Optional(opt.Type(str))
    happy = opt.Optional(opt.Type(str))


class PlainLanguageOption(Config):
    """Hints where a journey uses jargon ("touchpoint", "klantbeleving")."""

    enabled = opt.Type(bool, default=True)
    strict = opt.Type(bool, default=False)
    """Report hints as warnings, so `mkdocs build --strict` fails on them."""
    words = opt.Type(dict, default={})
    """More words (`jargon: plain alternative`), or `word: null` to allow one."""


class JourneysConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Turn the plugin off (for a fast build of the prose only)."""

    language = opt.Optional(opt.Type(str))
    """Language of the labels the site adds (`nl` or `en`); default: `theme.language`."""

    killers = opt.ListOfItems(opt.SubConfig(KillerOption), default=[])
    """Site-wide killers, available to every journey's touchpoints by id."""

    colors = opt.SubConfig(ColorsOption)
    """Colours of the four emotion faces."""

    download = opt.Type(bool, default=True)
    """Write each map as a standalone `.svg` next to its page, with a download link."""

    catalogue_page = opt.Type(str, default="journeys/index.md")
    """Where the generated catalogue of all journeys goes (a page of the site's own there wins)."""

    owners_dir = opt.Type(str, default="owners")
    """Folder of the generated department pages and their index."""

    overview_page = opt.Type(str, default="overview/index.md")
    """Where the generated overview (departments against phases) goes."""

    navigation = opt.Type(bool, default=True)
    """Generate a short navigation when the site has no `nav:` of its own."""

    tags = opt.Type(bool, default=True)
    """Tag journey pages with their owners, channels and phases (for Material's tags plugin)."""

    map_first = opt.Type(bool, default=True)
    """On a page with a map, run the page's scripts (Material's too) after
    its first frame is drawn, so the map is seen without waiting for them."""

    kiosk = opt.Type(bool, default=True)
    """Generate the kiosk view for office screens."""

    kiosk_dir = opt.Type(str, default="kiosk")
    """Folder of the kiosk page, its playlist and version file."""

    cache = opt.Type(bool, default=True)
    """Keep checked pages and drawn maps on disk, so a rebuild draws only what changed."""

    cache_dir = opt.Optional(opt.Type(str))
    """Where, relative to the configuration file (safe to delete at any
    time); default: see `cache_folder`."""

    processes = opt.Optional(opt.Type(int))
    """Processes that draw maps when a build has many to draw (a first build):
    default one per CPU, at most 4; 1 draws every map in the build's own."""

    plain_language = opt.SubConfig(PlainLanguageOption)
    """Plain-language hints: build messages that fail `--strict` only with `strict: true`."""


def cache_folder(config_file_path: str, cache_dir: str | None) -> str:
    """The cache folder of a site built from `config_file_path` ('' when
    read from standard input): `cache_dir`, relative to that file's folder,
    or by default CACHE_DIR for mkdocs.yml and a folder of its own for any
    other configuration file (`journeys-mkdocs.en` for mkdocs.en.yml). A
    build removes the entries it did not use, so two sites built from one
    folder would otherwise remove each other's."""
    folder, name = os.path.split(config_file_path)
    if cache_dir is None:
        stem = os.path.splitext(name)[0]
        cache_dir = CACHE_DIR if stem in ("", "mkdocs") else f"{CACHE_DIR}-{stem}"
    return os.path.join(folder, cache_dir)


def processes(option: int | None) -> int:
    """How many processes draw maps, the build's own included (at least 1)."""
    if option is not None:
        return max(1, option)
    return min(usable_cpus(), 4)
