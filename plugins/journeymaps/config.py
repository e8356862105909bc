"""Options of the `journeys` plugin in `mkdocs.yml` (`plugins: - journeys: ...`).

The schema is MkDocs' (its config_options), with each mistake in plain words,
and `journeys check` validates the options with it too (plugin_options), so
the two cannot disagree on what is bad."""

from __future__ import annotations

import os

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from .colours import DEFAULT_SET, SETS
from .draw import usable_cpus
from .load import describe, shorten
from .terms import EMOTIONS
from .validate import site_killers, suggest


CACHE_DIR = ".cache/plugin/journeys"  # next to Material's own plugins' caches


class OptionError(ValidationError):
    """A bad option, in plain words. `where` is the part of its name below
    the option MkDocs names ('.words', '[0].id'): `journeys check` adds it to
    that name, the build shows it before the message."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(f"{where.lstrip('.')}: {message}" if where else message)
        self.message, self.where = message, where


class OptionWarning(str):
    """A warning about an option (one that is no option of the plugin), as
    MkDocs shows it: 'strikt: unknown option ...' below the option it names.
    `keys` is its path below that option, for `journeys check` to name it by."""

    def __new__(cls, message: str, keys: tuple = ()) -> OptionWarning:
        warning = super().__new__(cls, ".".join(map(str, keys)) + f": {message}" if keys else message)
        warning.message, warning.keys = message, keys
        return warning


class Options(Config):
    """A Config whose names that are no option are said in plain words, with
    the option meant: MkDocs says only 'Unrecognised configuration name:
    killer' (a warning: `mkdocs build --strict` stops at it). Such a name
    is left out of the options: nothing reads it, and the cache's key was
    made of them all (a number, `3: a`, crashed it)."""

    def validate(self):
        failed, warnings = super().validate()
        known = [key for key, _ in self._schema]
        unknown = [(key, "unknown option" + (suggest(key, known) or f"; expected one of {', '.join(known)}"))
                   for key in self if key not in self._schema_keys]  # in the order written
        for key, _ in unknown:
            del self[key]
        return failed, [(key, message) for key, message in warnings if key in self._schema_keys] + unknown


class Typed(opt.Type):
    """opt.Type, its mistake in plain words: MkDocs says "Expected type:
    <class 'bool'> but received: <class 'str'>". A number is not a yes/no."""

    EXPECTED = {bool: "true or false", str: "text", int: "a whole number"}

    def run_validation(self, value: object):
        if not isinstance(value, self._type) or (isinstance(value, bool) and self._type is not bool):
            raise OptionError(f"expected {self.EXPECTED[self._type]}, got {describe(value)}")
        return value


class OneOf(opt.Choice):
    """opt.Choice, its mistake in plain words."""

    def run_validation(self, value: object):
        if value not in self.choices:
            raise OptionError(f"expected one of {', '.join(self.choices)}, got {describe(value)}")
        return value


class Section(opt.SubConfig):
    """A group of options (opt.SubConfig; nothing, `plain_language:`, is its
    defaults), its first mistake in plain words and named by its path."""

    def run_validation(self, value: object):
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise OptionError(f"expected a mapping of options, got {describe(value)}")
        config = self.config_class(config_file_path=self._config_file_path)
        config.load_dict(value)
        failed, warnings = config.validate()
        self.warnings.extend(OptionWarning(getattr(message, "message", message), (key, *getattr(message, "keys", ())))
                             for key, message in warnings)
        if failed:
            key, error = failed[0]
            raise OptionError(getattr(error, "message", str(error)), f".{key}{getattr(error, 'where', '')}")
        return config


class Words(opt.BaseConfigOption):
    """Words a site adds to the plain-language list, `jargon: plain
    alternative`, or takes off it, `word: null` (or '')."""

    def run_validation(self, value: object) -> dict[str, str | None]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise OptionError(f"expected a mapping of words to their plain alternatives (roadmap: plan), "
                              f"got {describe(value)}")
        for word, plain in value.items():
            if not isinstance(word, str) or not word.strip():
                raise OptionError(f"{describe(word)} is not a word; write the jargon as text, as in roadmap: plan")
            if plain is not None and not isinstance(plain, str):
                raise OptionError(f"'{shorten(word)}' maps to {describe(plain)}; expected its plain alternative "
                                  "as text, or null to allow the word")
        return value


class Killers(opt.BaseConfigOption):
    """Site-wide killers, checked as a journey's own are (validate.site_killers)."""

    def run_validation(self, value: object) -> tuple:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise OptionError(f"expected a list of killers, each as {{id: ..., label: ...}}, got {describe(value)}")
        try:
            return site_killers(value)
        except ValueError as error:
            where, message = error.args
            raise OptionError(message, where) from None


class ColorsOption(Options):
    """Face colours: a set, and any face's colour replaced (any opaque CSS
    colour). Faces differ in shape too, so a palette that suits a brand never
    makes emotions unreadable; the build warns when two colours are too close
    in lightness for colour-blind readers."""

    set = OneOf(tuple(SETS), default=DEFAULT_SET)
    """`traffic-light` (red, yellow, orange, green) or `viridis` (purple, blue, green, yellow)."""
    angry = opt.Optional(Typed(str))
    disappointed = opt.Optional(Typed(str))
    indifferent = opt.Optional(Typed(str))
    happy = opt.Optional(Typed(str))

    def validate(self):
        """Each face's colour is checked here, with the other options, so
        the build and `journeys check` stop at it alike, and whether or not
        the plugin is enabled (MkDocs validates every option either way).
        Rarely needed, as it imports coloraide: only for a colour replaced."""
        failed, warnings = super().validate()
        for face in EMOTIONS:
            if not failed and self.get(face):
                from .colours import parse_colour

                try:
                    parse_colour(self[face])
                except ValueError as error:
                    failed.append((face, OptionError(str(error))))
        return failed, warnings


class PlainLanguageOption(Options):
    """Hints where a journey uses jargon ("touchpoint", "klantbeleving")."""

    enabled = Typed(bool, default=True)
    strict = Typed(bool, default=False)
    """Report hints as warnings, so `mkdocs build --strict` fails on them."""
    words = Words()
    """More words (`jargon: plain alternative`), or `word: null` to allow one."""


class JourneysConfig(Options):
    enabled = Typed(bool, default=True)
    """Turn the plugin off (for a fast build of the prose only)."""

    language = opt.Optional(Typed(str))
    """Language of the labels the site adds (`nl` or `en`); default: `theme.language`."""

    killers = Killers()
    """Site-wide killers, available to every journey's touchpoints by id."""

    colors = Section[ColorsOption]()
    """Colours of the four emotion faces."""

    download = Typed(bool, default=True)
    """Write each map as a standalone `.svg` next to its page, with a download link."""

    catalogue_page = Typed(str, default="journeys/index.md")
    """Where the generated catalogue of all journeys goes (a page of the site's own there wins)."""

    owners_dir = Typed(str, default="owners")
    """Folder of the generated department pages and their index."""

    overview_page = Typed(str, default="overview/index.md")
    """Where the generated overview (departments against phases) goes."""

    navigation = Typed(bool, default=True)
    """Generate a short navigation when the site has no `nav:` of its own."""

    tags = Typed(bool, default=True)
    """Tag journey pages with their owners, channels and phases (for Material's tags plugin)."""

    map_first = Typed(bool, default=True)
    """On a page with a map, run the page's scripts (Material's too) after
    its first frame is drawn, so the map is seen without waiting for them."""

    kiosk = Typed(bool, default=True)
    """Generate the kiosk view for office screens."""

    kiosk_dir = Typed(str, default="kiosk")
    """Folder of the kiosk page, its playlist and version file."""

    cache = Typed(bool, default=True)
    """Keep checked pages and drawn maps on disk, so a rebuild draws only what changed."""

    cache_dir = opt.Optional(Typed(str))
    """Where, relative to the configuration file (safe to delete at any
    time); default: see `cache_folder`."""

    processes = opt.Optional(Typed(int))
    """Processes that draw maps when a build has many to draw (a first build):
    default one per CPU, at most 4; 1 draws every map in the build's own."""

    plain_language = Section[PlainLanguageOption]()
    """Plain-language hints: build messages that fail `--strict` only with `strict: true`."""


def plugin_options(options: object) -> tuple[JourneysConfig, list[OptionWarning]]:
    """The plugin's options (`plugins: - journeys: ...`) validated as the
    build validates them (BasePlugin.load_config), for `journeys check`, and
    the warnings the build shows (a name that is no option), each with its
    path. ValueError names the first bad option, as 'plugins.journeys.colors.set: ...'."""
    section = Section[JourneysConfig]()
    try:
        return section.validate(options), list(section.warnings)
    except OptionError as error:
        raise ValueError(f"plugins.journeys{error.where}: {error.message}") from None


def site_language(language: str | None, theme_language: object) -> str:
    """The language of the labels the site adds: the plugin's `language`,
    else the theme's, else English. ValueError for a theme's that is no text."""
    if language:
        return language
    if theme_language is not None and not isinstance(theme_language, str):
        raise ValueError(f"theme.language: expected a language such as nl or en, got {describe(theme_language)}")
    return theme_language or "en"


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
