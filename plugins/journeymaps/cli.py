"""The `journeys` command line: check, new, schema, diff, csp, import-mermaid.

Exit codes: 0 all is well, 1 problems found (or a refusal, such as a file that
exists), 2 a usage error. Colour only on a terminal, and never with NO_COLOR.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import mergedeep
import yaml
import yaml_env_tag

from . import __version__
from .csp import policy
from .diff import GitError, compare, snapshot
from .i18n import labels_for, language_code
from .load import describe, has_journey, mentions_block
from .mermaid import MermaidError, fences, kind, parse, title_of, to_page
from .organisation import departments, written_owners
from .plain import Glossary, check_plain, page_glossary
from .schema import journey_schema
from .skeleton import NEW_PHASES, PHASES_COMMENTS, SKELETONS
from .terms import slugify, unique
from .validate import (
    Problem, Site, baseline_problem, block_problems, broken_baseline, check_page, decode_page, page_language,
    related_links, related_problem, resolve_page,
)

if TYPE_CHECKING:
    from .model import Killer


class _ConfigLoader(yaml.SafeLoader):
    """Reads an mkdocs.yml as MkDocs does for what `check` needs: !ENV as
    MkDocs reads it (with the same package), other tags such as
    !!python/name or !relative as nothing (they name code, not settings)."""


_ConfigLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass
class Settings:
    """What the site's MkDocs configuration says that matters here."""

    docs_dir: str = "content"
    language: str = "en"
    killers: tuple[Killer, ...] = ()
    plain: bool = True  # check plain language
    plain_strict: bool = False  # and count its hints as problems
    plain_words: dict = field(default_factory=dict)
    blocks: bool = True  # check ```journey blocks in any page (the Markdown extension `journeys`)
    left_out: tuple[str, ...] = ()  # the site's exclude_docs and draft_docs patterns
    # A name under the plugin's options that is no option: a warning of the build, so --strict fails on it.
    option_problems: tuple[Problem, ...] = ()

    @functools.cached_property
    def leaves_out(self) -> Callable[[str], bool]:
        """Does `mkdocs build` leave out the page at this docs-relative path?
        As MkDocs: dot files, /templates/, exclude_docs and draft_docs. check
        passed links to such pages, and their journeys, which the build then
        said do not exist, or never checked."""
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines([".*", "/templates/", *self.left_out]).match_file

    @property
    def site(self) -> Site:
        return Site(self.language, self.killers)

    @property
    def glossary(self) -> Glossary:
        return Glossary.for_site(self.language, self.plain_words)


class UsageError(Exception):
    pass


CONFIG_NAMES = ("site_config.yml", "mkdocs.yml", "mkdocs.yaml")


def _found_config() -> list[str]:
    """The site's configuration in the current folder or the nearest one
    above it (an editor in docs/journeys checks a page there), as a path
    relative to here; [] when there is none."""
    try:
        here = Path.cwd()
    except OSError:  # the folder was deleted under the shell
        return []
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                if folder != here:  # said, in case it is another project's
                    print(f"journeys: using the site configuration {os.path.relpath(folder / name)}", file=sys.stderr)
                return [os.path.relpath(folder / name)]
    return []


def read_settings(config_file: str | None, *, say_missing: bool = False) -> Settings:
    candidates = [config_file] if config_file else _found_config()
    if not candidates and say_missing:
        print(f"journeys: no site configuration ({', '.join(CONFIG_NAMES)}) here or in a folder above; "
              "checking without the site's killers, language and options", file=sys.stderr)
    for name in candidates:
        if name and Path(name).is_file():
            _, undecodable = decode_page(Path(name).read_bytes(), name)
            if undecodable:
                first = undecodable[0]
                raise UsageError(f"cannot read the site configuration {name}: line {first.line} {first.message}")
            try:
                config = _load_config(Path(name))
            except (yaml.YAMLError, AttributeError, TypeError, ValueError) as error:
                raise UsageError(f"cannot read the site configuration {name}: {str(error).splitlines()[0]}") from None
            try:
                return _settings(config, Path(name))
            except ValueError as error:
                raise UsageError(f"{name}: {error}") from None
        if config_file:
            raise UsageError(f"no such configuration file: {config_file}")
    return Settings()


def _settings(config: dict, path: Path) -> Settings:
    """What check needs of a site's configuration; ValueError names the first
    setting that is wrong, as 'plugins.journeys.killers[0].id: ...'. The
    plugin's options are validated as the build validates them."""
    from .config import plugin_options, site_language  # MkDocs' config options: only for a site's configuration

    for key in ("docs_dir", "exclude_docs", "draft_docs"):
        if config.get(key) is not None and not isinstance(config[key], str):
            raise ValueError(f"{key}: expected text, got {describe(config[key])}")
    journeys = {}
    for plugin, given in _entries(config.get("plugins")):
        if plugin in ("journeys", "/journeys"):
            journeys = given
    options, warnings = plugin_options(journeys)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    plain = options.plain_language
    return Settings(
        docs_dir=os.path.relpath(path.parent / (config.get("docs_dir") or "docs")),
        language=site_language(options.language, theme.get("language")),
        killers=options.killers,
        plain=plain.enabled,
        plain_strict=plain.strict,
        plain_words=plain.words,
        blocks=any(name in _EXTENSION for name, _ in _entries(config.get("markdown_extensions"))),
        left_out=tuple(line for key in ("exclude_docs", "draft_docs") for line in (config.get(key) or "").splitlines()),
        option_problems=tuple(Problem(*_option_line(path, warning.keys), _option_name(warning.keys), warning.message)
                              for warning in warnings) + _colour_clashes(options.colors, path),
    )


def _colour_clashes(colors, path: Path) -> tuple[Problem, ...]:
    """Faces of the site's own colours too close in lightness, which the build
    warns of (so `--strict` fails). A set as it comes has none: only a site's
    own colours load the colour library here, as in the build."""
    if not any(colour for emotion, colour in dict(colors).items() if emotion != "set"):
        return ()
    from .colours import site_faces

    where = _option_line(path, ("colors",))
    return tuple(Problem(*where, _option_name(("colors",)), clash) for clash in site_faces(colors)["clashes"])


def _option_name(keys: tuple) -> str:
    return ".".join(["plugins.journeys", *map(str, keys)])


def _option_line(path: Path, keys: tuple) -> tuple[str, int]:
    """The file (this one, or one it INHERITs from) and the line that write
    the plugin's option at `keys`: the file's first line when none does."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    _, plugins = _item(root, "plugins")
    for entry in plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]:
        name, node = _item(entry, "journeys")
        if name is None:
            name, node = _item(entry, "/journeys")
        for key in keys:
            name, node = _item(node, key)
        if name is not None:
            return os.path.relpath(path), name.start_mark.line + 1
    _, inherit = _item(root, "INHERIT")
    if isinstance(inherit, yaml.ScalarNode) and (parent := path.parent / inherit.value).is_file():
        shown, line = _option_line(Path(os.path.normpath(parent)), keys)
        if line > 1:
            return shown, line
    return os.path.relpath(path), 1


def _item(node: object, key: object) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key, value) nodes at `key` of a YAML mapping node; (None, None) when it has none."""
    if isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            if isinstance(name, yaml.ScalarNode) and name.value == str(key):
                return name, value
    return None, None


# The names under which Python-Markdown finds extension.py.
_EXTENSION = ("journeys", "journeymaps.extension", "journeymaps.extension:JourneyExtension")


def _load_config(path: Path, chain: tuple[Path, ...] = ()) -> dict:
    """The configuration as MkDocs reads it (mkdocs/utils/yaml.py): a file
    that names another with INHERIT is that one with its own settings
    merged in, mappings key by key and anything else replaced."""
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    if not isinstance(config, dict):
        raise ValueError(f"{path} is not a mapping of settings")
    if "INHERIT" in config:
        parent = Path(os.path.normpath(path.parent / str(config.pop("INHERIT"))))
        if not parent.is_file():
            raise ValueError(f"INHERIT: no such file {parent}")
        chain += (path,)
        if parent in chain:  # MkDocs would go round until Python's recursion limit
            raise ValueError(f"INHERIT: {parent} inherits from itself")
        config = mergedeep.merge(_load_config(parent, chain), config)
    return config


def _entries(value: object) -> list[tuple[object, object]]:
    """(name, options) of each plugin (or Markdown extension), given as a
    mapping or as a list of names and one-key mappings, as MkDocs takes both."""
    if isinstance(value, dict):
        return list(value.items())
    if not isinstance(value, list):
        return []
    return [next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, None) for item in value]


# --- check --------------------------------------------------------------------------


def _journey_files(paths: list[str]) -> list[Path]:
    """The Markdown files named or under the folders named, each once (`check
    a.md docs` checked a.md twice, and counted it twice), in the order given."""
    files: dict[str, Path] = {}  # by the absolute path: 'a.md' and './a.md' are one file, a link to it another
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.md") if p.is_file())
        elif path.is_file():
            found = [path]
        else:
            raise UsageError(f"no such file or folder: {name}")
        for file in found:  # a link to a page is a page of its own to MkDocs: not resolved
            files.setdefault(str(_absolute(file)), file)
    return list(files.values())


def _docs_root(path: Path, docs_dir: Path) -> Path:
    """The docs folder a file belongs to, against which `related` resolves."""
    try:
        _absolute(path).relative_to(_absolute(docs_dir))
        return docs_dir
    except ValueError:
        return path.parent


def _absolute(path: Path) -> Path:
    """A path from the root, links not followed: a link to a page is a page
    of its own, where the link is, to MkDocs (`related` resolves from there)."""
    return Path(os.path.abspath(path))


PARALLEL_FROM = 200  # files; below this, starting worker processes costs more than it saves


def check_files(paths: list[str], settings: Settings) -> tuple[int, list[Problem], list[Problem]]:
    """(journeys checked, errors, plain-language hints), in file order. A large
    library is checked on every core: YAML parsing is CPU-bound Python. Workers
    are forked, as the build's are, only where that is safe (draw.can_fork):
    Windows has no fork, and on macOS it may crash."""
    files = _journey_files(paths)
    if len(files) >= PARALLEL_FROM:
        from .draw import can_fork, usable_cpus  # loads the drawing code: only for a large library

        workers = min(usable_cpus(), 8) if can_fork() else 1
    else:
        workers = 1
    checking = frozenset(str(_absolute(path)) for path in files)
    if workers < 2:
        count, errors, hints, owners = _check_chunk(files, settings, checking)
    else:
        chunks = [files[i :: workers] for i in range(workers)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_check_chunk, chunks, [settings] * workers, [checking] * workers))
        order = {str(path): n for n, path in enumerate(files)}
        by_file = lambda problem: (order.get(os.path.normpath(problem.path), 0), problem.line)  # noqa: E731
        count = sum(r[0] for r in results)
        errors = sorted((p for r in results for p in r[1]), key=by_file)
        hints = sorted((p for r in results for p in r[2]), key=by_file)
        owners = [o for r in results for o in r[3]]
    # Across pages, as the build does: in the build's order, by docs-relative path.
    errors += departments((path, written) for _, path, written in sorted(owners)).problems
    # Once each: blocks that show a page not checked in this run each report its problems.
    return count, list(dict.fromkeys(errors)), hints


def _check_chunk(files: list[Path], settings: Settings,
                 checking: frozenset[str]) -> tuple[int, list[Problem], list[Problem], list[tuple]]:
    """(journeys, errors, hints, the owners of each valid journey as (src_uri, path, written_owners)).
    `checking`: the absolute paths of all files checked in this run, which report their own problems;
    a ```journey block showing another page reports that page's problems (check_block)."""
    errors: list[Problem] = []
    hints: list[Problem] = []
    owners: list[tuple] = []
    count = 0
    baselines: dict[Path, _Baselines] = {}  # by docs folder
    site_glossary = settings.glossary
    for path in files:
        shown = os.path.relpath(path)
        root = _docs_root(path, Path(settings.docs_dir))
        src_uri = _absolute(path).relative_to(_absolute(root)).as_posix()
        left_out = settings.leaves_out if root == Path(settings.docs_dir) else lambda uri: False
        if left_out(src_uri):
            continue  # not a page of the built site
        site = Site(settings.language, settings.killers,
                    page_exists=lambda uri, root=root, left_out=left_out: (root / uri).is_file() and not left_out(uri))
        # As the build reads a page that is not UTF-8: with the bad bytes replaced, and where they are said
        # when it is a journey page (its journey is not checked) or holds a ```journey block (they are).
        text, undecodable = decode_page(path.read_bytes(), shown)
        if undecodable and has_journey(text):
            errors += undecodable  # once, with the page
            checked, undecodable = None, []
        else:
            checked = check_page(text, path=shown, src_uri=src_uri, site=site)
        if checked is not None:
            count += 1
            errors += checked.reported
        message = None
        if checked is not None and checked.ok:  # the rules across pages, as the build checks them
            folder = baselines.setdefault(root, _Baselines(root, site))
            folder.known[src_uri] = _Baselines.leads_to(checked, src_uri)
            link = checked.journey.baseline
            if link and (message := baseline_problem(src_uri, link, folder)):
                errors.append(Problem(shown, checked.lines.line_of(("journey", "baseline")), "journey.baseline",
                                      message))
            elif link and resolve_page(link, src_uri) in folder.broken:  # as the build warns
                errors.append(Problem(shown, checked.lines.line_of(("journey", "baseline")), "journey.baseline",
                                      broken_baseline(link)))
            for link, line, name in related_links(checked.journey, checked.lines):
                if problem := related_problem(src_uri, link, folder):
                    errors.append(Problem(shown, line, name, problem))
        if checked is not None and checked.ok and not message:  # a journey the build lists
            owners.append((src_uri, shown, written_owners(checked.journey, checked.lines)))
        if settings.blocks and mentions_block(text):  # the build checks ```journey blocks in any page
            errors += block_problems(text, path=shown, src_uri=src_uri, site=site,
                                     read_page=lambda uri, root=root: _page_bytes(root / uri),
                                     undecodable=undecodable,
                                     reports_page=lambda uri, root=root: str(_absolute(root / uri)) in checking)
        if settings.plain and checked is not None and checked.lines is not None:
            lang = page_language(checked.meta)
            hints += check_plain(checked.lines, checked.body, path=shown,
                                 glossary=page_glossary(site_glossary, settings.language, lang),
                                 body_line=checked.body_line, language=lang or settings.language)
    return count, errors, hints, owners


def _page_bytes(path: Path) -> bytes | None:
    """A page a ```journey block names, as MkDocs hands it over (File.content_bytes)."""
    return path.read_bytes() if path.is_file() else None


class _Baselines(Mapping):
    """The journey pages of a docs folder, each with the page its baseline
    leads to (None without one, or when the page has problems), read when
    first asked for: `baseline_problem` follows a chain of them."""

    def __init__(self, root: Path, site: Site) -> None:
        self.root, self.site = root, site
        self.known: dict[str, str | None | object] = {}  # _NOT_A_JOURNEY for other pages
        self.broken: set[str] = set()  # the journey pages read here that have problems

    @staticmethod
    def leads_to(checked, src_uri: str) -> str | None:
        return resolve_page(checked.journey.baseline, src_uri) if checked.ok and checked.journey.baseline else None

    def __getitem__(self, src_uri: str) -> str | None:
        if src_uri not in self.known:
            self.known[src_uri] = self._read(src_uri)
        if self.known[src_uri] is _NOT_A_JOURNEY:
            raise KeyError(src_uri)
        return self.known[src_uri]

    def _read(self, src_uri: str) -> str | None | object:
        path = self.root / src_uri
        try:
            text, undecodable = decode_page(path.read_bytes(), str(path))
        except OSError:
            return _NOT_A_JOURNEY
        checked = check_page(text, path=str(path), src_uri=src_uri, site=self.site) if not undecodable else None
        if checked is None and not (undecodable and has_journey(text)):
            return _NOT_A_JOURNEY
        if checked is None or not checked.ok:
            self.broken.add(src_uri)
            return None
        return self.leads_to(checked, src_uri)

    def __iter__(self):  # the pages read so far: a Mapping needs it, baseline_problem does not
        return (uri for uri, baseline in self.known.items() if baseline is not _NOT_A_JOURNEY)

    def __len__(self) -> int:
        return sum(1 for _ in self)


_NOT_A_JOURNEY = object()


def _github(kind: str, problem: Problem) -> str:
    """A GitHub Actions workflow command, escaped as its format requires."""

    def escape(text: str, in_property: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if in_property else text

    return (
        f"::{kind} file={escape(problem.path, True)},line={problem.line},title={escape(problem.field, True)}"
        f"::{escape(problem.message)}"
    )


def _paint(text: str, code: str, on: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if on else text


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    count, errors, hints = check_files(args.paths or [settings.docs_dir], settings)
    errors = [*settings.option_problems, *errors]
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    for level, problems in (("error", errors), ("notice", hints)):
        for problem in problems:
            if args.format == "github":
                print(_github(level, problem))
            else:
                where = _paint(f"{problem.path}:{problem.line}:", "1", colour)
                print(f"{where} {_paint(problem.field + ':', '31' if level == 'error' else '33', colour)} "
                      f"{problem.message}")
    summary = (f"{count} journey{'s' if count != 1 else ''} checked, "
               f"{len(errors)} problem{'s' if len(errors) != 1 else ''}")
    if hints:
        summary += f", {len(hints)} plain-language hint{'s' if len(hints) != 1 else ''}"
    print(summary, file=sys.stderr)
    return 1 if errors or (hints and settings.plain_strict) else 0


# --- new ----------------------------------------------------------------------------

def run_new(args: argparse.Namespace, settings: Settings) -> int:
    if not args.title.strip():
        raise UsageError("the title is empty; give the journey a title, as in: journeys new \"Rijbewijs verlengen\"")
    folder = Path(settings.docs_dir) / "journeys"
    # A title without a Latin letter or digit ('البحث', '🎉') names no file: the first free journey(-N).md
    slug = slugify(args.title, empty="") or unique("journey", {path.stem for path in folder.glob("*.md")})
    target = folder / f"{slug}.md"
    if target.exists():
        print(f"journeys new: {target} exists; not overwritten (choose another title or edit that file)",
              file=sys.stderr)
        return 1
    language = language_code(settings.language) if language_code(settings.language) in SKELETONS else "en"
    preset_comment, other_comment = PHASES_COMMENTS[language]
    if args.phases == "ten-phases":
        phases, first, second = f"ten-phases               # {preset_comment}", "orientation", "decision"
    else:
        names = NEW_PHASES[language]
        phases, first, second = f"[{', '.join(names)}]   # {other_comment}", names[0], names[1]
    title = json.dumps(args.title, ensure_ascii=False)  # a valid YAML string, whatever the title
    text = SKELETONS[language].format(title=title, shape=args.shape, today=dt.date.today().isoformat(), phases=phases,
                           first_phase=first, second_phase=second)
    _write_new(target, text)
    print(target)
    return 0


def _write_new(path: Path, text: str) -> None:
    """Write a file and the folders it needs; a file where a folder should be is a usage error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        blocker = next((folder for folder in path.parents if folder.is_file()), None)
        raise UsageError(f"cannot write {path}: " + (f"{blocker} is a file, not a folder" if blocker else
                                                    error.strerror or str(error))) from None


# --- schema and diff ----------------------------------------------------------------


def run_schema(args: argparse.Namespace, settings: Settings) -> int:
    print(json.dumps(journey_schema(), indent=2, ensure_ascii=False))
    return 0


def run_diff(args: argparse.Namespace, settings: Settings) -> int:
    for ref in (args.old, args.new):
        if ref and ref.startswith("-"):  # git would read it as an option (--output=FILE writes a file)
            raise UsageError(f"'{ref}' is not a git revision: a revision does not start with '-'")
    try:
        old = snapshot(args.old, settings.docs_dir, settings.site)
        new = snapshot(args.new, settings.docs_dir, settings.site)
    except GitError as error:
        print(f"journeys diff: {error}", file=sys.stderr)
        return 2
    for problem in old.unreadable + new.unreadable:
        print(problem, file=sys.stderr)
    print(compare(old, new, settings.language), end="")
    return 0


def run_csp(args: argparse.Namespace, settings: Settings) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        raise UsageError(f"{site} is not a built site (no index.html); run mkdocs build first")
    print(policy(site))
    return 0


def run_import_mermaid(args: argparse.Namespace, settings: Settings) -> int:
    name = "<stdin>" if args.file == "-" else args.file
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {name}: {getattr(error, 'strerror', None) or error}") from None
    blocks = fences(text)
    diagrams = [(1, text)]
    if blocks:  # a Markdown file: its ```mermaid blocks
        diagrams = []
        for line, body in blocks:
            if kind(body).lower() == "journey":
                diagrams.append((line, body))
            else:
                print(f"{name}:{line}: note: a Mermaid '{kind(body) or 'empty'}' diagram, left alone "
                      "(only journey diagrams are converted)", file=sys.stderr)
        if not diagrams:
            print(f"{name}: no Mermaid journey diagram in this file", file=sys.stderr)
            return 1
        if len(diagrams) > 1 and not args.all:
            lines = ", ".join(str(line) for line, _ in diagrams)
            raise UsageError(f"{name} holds {len(diagrams)} journey diagrams (lines {lines}); "
                             "add --all to make a page of each")
    labels = labels_for(settings.language)
    pages, failed = [], False
    for line, body in diagrams:
        try:
            diagram = parse(body, first_line=line)
            page, notes = to_page(diagram, labels=labels)
        except MermaidError as error:
            print(f"{name}:{error.line}: mermaid: {error.message}", file=sys.stderr)
            failed = True
            continue
        for at, note in notes:
            print(f"{name}:{at}: note: {note}", file=sys.stderr)
        pages.append((title_of(diagram, labels), page))
    if failed:
        return 1
    if not args.all:
        if args.out is None:
            sys.stdout.write(pages[0][1])
            return 0
        return _write_pages([(Path(args.out), pages[0][1])])
    folder = Path(args.out) if args.out else Path(settings.docs_dir) / "journeys"
    used: set[str] = set()
    names = [unique(slugify(title, empty="journey"), used) for title, _ in pages]
    return _write_pages([(folder / f"{name}.md", page) for name, (_, page) in zip(names, pages)])


def _write_pages(targets: list[tuple[Path, str]]) -> int:
    """Write new pages; refuse, before writing any, when one exists."""
    existing = [str(path) for path, _ in targets if path.exists()]
    if existing:
        print(f"journeys import-mermaid: {', '.join(existing)} exists; not overwritten (move it, or choose --out)",
              file=sys.stderr)
        return 1
    for path, page in targets:
        _write_new(path, page)
        print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="journeys", description="Customer journey maps from Markdown front-matter.")
    parser.add_argument("--version", action="version", version=f"journeymaps {__version__}")
    parser.add_argument("-f", "--config-file",
                        help="the site's MkDocs configuration (default: site_config.yml, else mkdocs.yml, "
                             "here or in the nearest folder above)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate journey pages without building the site",
                                description="Validate journey pages; every problem as path:line: field: message.")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the site's docs folder)")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="text (default) or GitHub Actions annotations")
    check.set_defaults(run=run_check)

    new = commands.add_parser("new", help="write a new journey page from a commented skeleton",
                              description="Write <docs>/journeys/<slug>.md with a valid, commented skeleton.")
    new.add_argument("title", metavar="TITLE")
    new.add_argument("--shape", choices=["timeline", "cycle"], default="timeline")
    new.add_argument("--phases", choices=["ten-phases"], help="use the ten-phases preset")
    new.set_defaults(run=run_new)

    schema = commands.add_parser("schema", help="print a JSON Schema of journey front-matter",
                                 description="Print a JSON Schema of journey front-matter, for editors.")
    schema.set_defaults(run=run_schema)

    diff = commands.add_parser("diff", help="summarise journey changes between two git revisions",
                               description="Compare journeys between two git revisions, as Markdown.")
    diff.add_argument("old", metavar="OLD_REF")
    diff.add_argument("new", metavar="NEW_REF", nargs="?", help="default: the working tree")
    diff.set_defaults(run=run_diff)

    csp = commands.add_parser("csp", help="print a Content-Security-Policy under which a built site works",
                              description="Print a Content-Security-Policy header value for a built site: "
                                          "everything from its own origin, inline scripts by their hashes.")
    csp.add_argument("site", metavar="SITE_DIR", nargs="?", default="site", help="the built site (default: site)")
    csp.set_defaults(run=run_csp)

    mermaid = commands.add_parser("import-mermaid", help="turn Mermaid journey diagrams into journey pages",
                                  description="Read a Mermaid journey diagram "
                                              "(or a Markdown file with ```mermaid blocks) "
                                              "and write a journey page that passes 'journeys check'.")
    mermaid.add_argument("file", metavar="FILE", help="a Mermaid or Markdown file, or - for standard input")
    mermaid.add_argument("--out", metavar="PATH", help="write the page here (with --all: the folder for the pages; "
                                                        "default: standard output, with --all <docs>/journeys)")
    mermaid.add_argument("--all", action="store_true", help="make a page of every journey diagram in a Markdown file")
    mermaid.set_defaults(run=run_import_mermaid)

    args = parser.parse_args(argv)
    try:
        settings = read_settings(args.config_file, say_missing=args.command == "check")
        return args.run(args, settings)
    except UsageError as error:
        print(f"journeys {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
