"""The `journeys` command line. Exit codes: 0 ok, 1 problems found, 2 usage error."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
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


def check(paths: list[str], docs_dir: str, language: str) -> int:
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
        root = _docs_root(path, Path(docs_dir))
        src_uri = path.resolve().relative_to(root.resolve()).as_posix()
        site = Site(language=language, page_exists=lambda uri, root=root: (root / uri).is_file())
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
    check_parser.add_argument("paths", nargs="*", default=["content"], metavar="PATH", help="files or folders (default: content)")
    check_parser.add_argument("--docs-dir", default="content", help="the site's docs folder, for related links (default: content)")
    check_parser.add_argument("--language", default="nl", help="language of preset phase labels (default: nl)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.paths, args.docs_dir, args.language)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
