"""The `journeys` command line. Exit codes: 0 ok, 1 problems found, 2 usage error."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from . import __version__
from .model import Killer
from .validate import Problem, Site, check_page, decode_page


def _journey_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.md") if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(name)
    return files


def _docs_root(path: Path, docs_dir: Path) -> Path:
    """The docs folder a file belongs to, against which `related` resolves."""
    try:
        path.resolve().relative_to(docs_dir.resolve())
        return docs_dir
    except ValueError:
        return path.parent


class _ConfigLoader(yaml.SafeLoader):
    """Reads an mkdocs.yml, ignoring tags such as !!python/name or !ENV."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass
class Settings:
    docs_dir: str = "content"
    language: str = "en"
    killers: tuple[Killer, ...] = ()


def read_settings(config_file: str | None) -> Settings:
    """What the site's MkDocs configuration says that matters for checking:
    the docs folder, the language and the site-wide killers."""
    candidates = [config_file] if config_file else ["site_config.yml", "mkdocs.yml"]
    for name in candidates:
        if name and Path(name).is_file():
            config = yaml.load(Path(name).read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
            base = Path(name).parent
            options = {}
            for plugin in config.get("plugins") or []:
                if isinstance(plugin, dict) and "journeys" in plugin:
                    options = plugin["journeys"] or {}
            theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
            killers = tuple(Killer.model_validate(k) for k in options.get("killers") or [])
            return Settings(
                docs_dir=os.path.relpath(base / config.get("docs_dir", "docs")),
                language=options.get("language") or theme.get("language") or "en",
                killers=killers,
            )
        if config_file:
            raise FileNotFoundError(config_file)
    return Settings()


def check(paths: list[str], settings: Settings) -> int:
    try:
        files = _journey_files(paths)
    except FileNotFoundError as missing:
        print(f"journeys check: no such file or folder: {missing}", file=sys.stderr)
        return 2
    problems: list[Problem] = []
    count = 0
    for path in files:
        text, undecodable = decode_page(path.read_bytes(), os.path.relpath(path))
        if undecodable:
            problems += undecodable
            continue
        root = _docs_root(path, Path(settings.docs_dir))
        src_uri = path.resolve().relative_to(root.resolve()).as_posix()
        site = Site(settings.language, settings.killers, page_exists=lambda uri, root=root: (root / uri).is_file())
        checked = check_page(text, path=os.path.relpath(path), src_uri=src_uri, site=site)
        if checked is not None:
            count += 1
            problems += checked.problems
    for problem in problems:
        print(problem)
    noun = "journey" if count == 1 else "journeys"
    summary = f"{count} {noun} checked, {len(problems)} problem{'s' if len(problems) != 1 else ''}"
    print(summary, file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="journeys", description="Customer journey maps from Markdown front-matter.")
    parser.add_argument("--version", action="version", version=f"journeymaps {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_parser = commands.add_parser("check", help="validate journey pages without building the site")
    check_parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the site's docs folder)")
    check_parser.add_argument(
        "-f", "--config-file", help="the site's MkDocs configuration (default: site_config.yml, else mkdocs.yml)"
    )
    args = parser.parse_args(argv)
    if args.command == "check":
        try:
            settings = read_settings(args.config_file)
        except FileNotFoundError as missing:
            print(f"journeys check: no such configuration file: {missing}", file=sys.stderr)
            return 2
        except (yaml.YAMLError, ValidationError) as error:
            print(f"journeys check: cannot read the site configuration: {str(error).splitlines()[0]}", file=sys.stderr)
            return 2
        return check(args.paths or [settings.docs_dir], settings)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
