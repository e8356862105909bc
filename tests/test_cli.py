"""The `journeys` command, run as editors run it."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

from sites import build


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journeymaps.cli", *args], cwd=cwd, capture_output=True, text=True)


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def test_check_reports_every_problem_and_exits_1(tmp_path):
    write(tmp_path / "content/journeys/a.md", """
        ---
        journey:
          shape: ring
          touchpoints:
            - {label: A, related: b.md}
            - {label: B, emotion: blij}
        ---
        """)
    write(tmp_path / "content/journeys/b.md", "---\ntitle: no journey here\n---\n")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "content/journeys/a.md:3: journey.shape: 'ring' is not one of timeline, cycle",
        "content/journeys/a.md:6: journey.touchpoints[1].emotion: 'blij' is not one of angry, disappointed, "
        "indifferent, happy (values are written in English: 'happy')",
    ]
    assert "1 journey checked, 2 problems" in done.stderr


def test_check_passes_valid_journeys_and_resolves_related(tmp_path):
    write(tmp_path / "content/a.md", "---\njourney:\n  touchpoints: [{label: A, related: sub/b.md}]\n---\n")
    write(tmp_path / "content/sub/b.md", "---\njourney:\n  touchpoints: [{label: B, related: ../a.md}]\n---\n")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "2 journeys checked, 0 problems" in done.stderr
    # A file named, and again within a folder named: checked once, counted once.
    done = run("check", "content/a.md", "./content/a.md", "content", cwd=tmp_path)
    assert done.returncode == 0 and "2 journeys checked, 0 problems" in done.stderr, done.stderr


def test_check_counts_a_link_to_a_page_as_a_page_of_its_own_as_the_build_does(tmp_path):
    # MkDocs builds docs/link.md as a page, whose related resolves from where the link is, not from sub/.
    write(tmp_path / "docs/a.md", "---\njourney:\n  touchpoints: [{label: A}]\n---\n")
    write(tmp_path / "docs/sub/b.md", "---\njourney:\n  touchpoints: [{label: B, related: ../a.md}]\n---\n")
    (tmp_path / "docs/link.md").symlink_to("sub/b.md")
    write(tmp_path / "mkdocs.yml", "site_name: T\ntheme: {name: material, font: false}\nplugins: [search, journeys]\n")
    built = build(tmp_path)
    assert "3 journey pages" in built.output
    done = run("check", cwd=tmp_path)
    assert done.stdout.splitlines() == PROBLEM.findall(built.output) == [
        "docs/link.md:3: journey.touchpoints[0].related: '../a.md' is not a page of this site; "
        "expected a relative path to a .md page, e.g. other-journey.md",
    ]
    assert "3 journeys checked, 1 problem" in done.stderr
    done = run("check", "docs/link.md", "./docs/link.md", "docs/sub/b.md", cwd=tmp_path)
    assert "2 journeys checked, 1 problem" in done.stderr, done.stderr


def test_check_reports_a_related_page_that_is_no_journey_as_the_build_does(tmp_path):
    write(tmp_path / "content/a.md", """
        ---
        journey:
          touchpoints:
            - {label: A, related: sub/b.md}
            - {label: B, related: uitleg.md}
            - {label: C, related: a.md}
        ---
        """)
    write(tmp_path / "content/sub/b.md", "---\njourney:\n  touchpoints: [{label: B}]\n---\n")
    write(tmp_path / "content/uitleg.md", "# Uitleg\n")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "content/a.md:5: journey.touchpoints[1].related: 'uitleg.md' is not a journey page; "
        "related names a journey that zooms into this moment",
        "content/a.md:6: journey.touchpoints[2].related: 'a.md' is this page; "
        "related names another journey, one that zooms into this moment",
    ]


def test_non_utf8_file_is_one_clear_line(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/x.md").write_bytes(b"---\njourney:\n  persona: caf\xe9\n---\n")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith("content/x.md:3: file: is not UTF-8 text (byte 0xe9)")


def test_missing_path_is_a_usage_error(tmp_path):
    done = run("check", "nope", cwd=tmp_path)
    assert done.returncode == 2 and "no such file or folder: nope" in done.stderr


def test_check_reads_site_wide_killers_and_docs_dir_from_the_site_configuration(tmp_path):
    write(tmp_path / "pages/a.md", KILLER_PAGES["a.md"])
    write(tmp_path / "mkdocs.yml", """
        site_name: T
        docs_dir: pages
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
        plugins:
          - journeys:
              killers: [{id: datalek, label: Datalek}]
        """)
    assert run("check", cwd=tmp_path).returncode == 0
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ndocs_dir: pages\n")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 1 and "'datalek' is not a killer of this journey" in done.stdout


def test_check_finds_the_site_configuration_from_a_folder_below_it(tmp_path):
    # An editor in the journeys' folder checked a valid page and was told that the
    # site-wide killer it used was not a killer of the journey: no configuration was read.
    write(tmp_path / "pages/reizen/a.md", KILLER_PAGES["a.md"])
    write(tmp_path / "mkdocs.yml", """
        site_name: T
        docs_dir: pages
        plugins:
          - journeys:
              killers: [{id: datalek, label: Datalek}]
        """)
    done = run("check", "a.md", cwd=tmp_path / "pages/reizen")
    assert done.returncode == 0 and "1 journey checked, 0 problems" in done.stdout + done.stderr, done
    assert done.stderr.startswith("journeys: using the site configuration ../../mkdocs.yml\n")  # in case it is not
    (tmp_path / "mkdocs.yml").unlink()
    done = run("check", "a.md", cwd=tmp_path / "pages/reizen")
    assert done.returncode == 1 and "a.md:3: journey.touchpoints[0].killer" in done.stdout
    assert done.stderr.startswith("journeys: no site configuration (site_config.yml, mkdocs.yml, mkdocs.yaml) here "
                                  "or in a folder above; checking without the site's killers")


PROBLEM = re.compile(r"^WARNING +- +journeymaps: (\S+:\d+: .*)$", re.M)


def build_problems(root) -> list[str]:
    """The lines `mkdocs build --strict` reports for the site at `root`, in order."""
    result = build(root)
    assert "Traceback" not in result.output
    return PROBLEM.findall(result.output)


KILLER_PAGES = {
    "a.md": "---\njourney:\n  touchpoints: [{label: A, killer: datalek}]\n---\n",
    "b.md": "---\njourney:\n  touchpoints:\n    - {label: B, killer: datalik}\n---\n",
}
KILLER_PROBLEM = ("b.md:4: journey.touchpoints[0].killer: 'datalik' is not a killer of this journey; "
                  "expected one of: datalek (did you mean 'datalek'?)")


def test_check_reads_plugins_given_as_a_mapping_as_the_build_does(tmp_path):
    for name, text in KILLER_PAGES.items():
        write(tmp_path / "docs" / name, text)
    write(tmp_path / "mkdocs.yml", """
        site_name: T
        theme: {name: material, font: false}
        plugins: {search: {}, journeys: {killers: [{id: datalek, label: Datalek}]}}
        """)
    done = run("check", cwd=tmp_path)
    assert done.stdout.splitlines() == build_problems(tmp_path)
    assert done.stdout.splitlines() == [f"docs/{KILLER_PROBLEM}"]


def test_check_leaves_out_the_pages_the_build_leaves_out(tmp_path):
    # check passed links to a draft (draft_docs), an excluded page (exclude_docs) and a dot file, and checked
    # their journeys; the build, which leaves them out, said the links lead nowhere, and never read the pages.
    broken = "---\njourney:\n  touchpoints: [{label: A, emotion: hapy}]\n---\n"
    for name in ("concept/b.md", "oud/c.md", ".d.md"):
        write(tmp_path / "docs" / name, broken)
    write(tmp_path / "docs/a.md", """
        ---
        journey:
          touchpoints:
            - {label: A, related: concept/b.md}
            - {label: B, related: oud/c.md}
            - {label: C, related: .d.md}
        ---
        """)
    write(tmp_path / "mkdocs.yml", """
        site_name: T
        theme: {name: material, font: false}
        draft_docs: concept/
        exclude_docs: |
          oud/
        plugins: [search, journeys]
        """)
    done, built = run("check", cwd=tmp_path), build_problems(tmp_path)
    assert done.stdout.splitlines() == built and "1 journey checked, 3 problems" in done.stderr
    assert [line.split(": ")[1] for line in built] == [
        "journey.touchpoints[0].related", "journey.touchpoints[1].related", "journey.touchpoints[2].related"]


def test_check_reads_inherited_settings_and_env_tags_as_the_build_does(tmp_path, monkeypatch):
    for name, text in KILLER_PAGES.items():
        write(tmp_path / "src" / name, text)
    write(tmp_path / "base.yml", """
        docs_dir: !ENV [JOURNEYMAPS_TEST_DOCS, docs]
        theme: {name: material, font: false}
        plugins:
          - search
          - journeys:
              killers: [{id: datalek, label: Datalek}]
        """)
    write(tmp_path / "mkdocs.yml", "INHERIT: base.yml\nsite_name: T\n")
    monkeypatch.setenv("JOURNEYMAPS_TEST_DOCS", "src")
    done = run("check", cwd=tmp_path)
    assert done.stdout.splitlines() == build_problems(tmp_path)
    assert done.stdout.splitlines() == [f"src/{KILLER_PROBLEM}"]


NEWS = """
    ---
    title: Nieuws
    ---
    # Nieuws

    ```journey
    journey:
      touchpoints:
        - {label: A, emotion: hapy}
    ```

    ```journey
    page: nope.md
    ```

    ~~~~journey
    journey:
      persona: "Stel dat
      touchpoints: [{label: A}]
    ~~~~

    ```journey
    page: ./reizen/../reizen/alpha.md
    ```
    """


def test_check_reports_journey_blocks_in_any_page_as_the_build_does(tmp_path):
    write(tmp_path / "docs/nieuws.md", NEWS)
    write(tmp_path / "docs/reizen/alpha.md", "---\njourney:\n  touchpoints: [{label: A, score: 9}]\n---\n")
    write(tmp_path / "docs/reizen/index.md", "Zie:\n\n```journey\npage: alpha.md#start\n```\n")
    config = "site_name: T\ntheme: {name: material, font: false}\nplugins: [search, journeys]\n"
    write(tmp_path / "mkdocs.yml", config + "markdown_extensions:\n  - journeys\n")
    built = build_problems(tmp_path)
    done = run("check", cwd=tmp_path)
    assert sorted(done.stdout.splitlines()) == sorted(built)
    alpha = "docs/reizen/alpha.md:3: journey.touchpoints[0].score: 9 is out of range: expected a number from 1 to 5"
    shows_alpha = ("docs/nieuws.md:23: page: './reizen/../reizen/alpha.md' has errors, reported with that page, "
                   "so its map is not shown here")
    own = [
        "docs/nieuws.md:9: journey.touchpoints[0].emotion: 'hapy' is not one of angry, disappointed, indifferent, "
        "happy (did you mean 'happy'?)",
        "docs/nieuws.md:13: page: 'nope.md' is not a journey page of this site",
        "docs/nieuws.md:18: front-matter: YAML does not parse: the \" that opens this value is never closed; "
        "close the quote at the end of the value",
    ]
    # alpha.md is not checked in this run, so it does not report its problem: the block does
    assert run("check", "docs/nieuws.md", cwd=tmp_path).stdout.splitlines() == [*own, alpha]
    # ... once, however many blocks show it (reizen/index.md's too)
    assert run("check", "docs/nieuws.md", "docs/reizen/index.md", cwd=tmp_path).stdout.splitlines() == [*own, alpha]
    # alpha.md is checked too, and reports its problem itself, once: the block says it shows no map
    done = run("check", "docs/nieuws.md", "docs/reizen/alpha.md", cwd=tmp_path)
    assert done.stdout.splitlines() == [*own, shows_alpha, alpha]
    # A page saved with a carriage return alone at each line's end (check passed it).
    (tmp_path / "docs/oud.md").write_bytes(b"# Oud\r\r```journey\rjourney:\r  touchpoints:\r"
                                           b"    - {label: x, score: 9}\r```\r")
    old = "docs/oud.md:6: journey.touchpoints[0].score: 9 is out of range: expected a number from 1 to 5"
    assert old in build_problems(tmp_path) and run("check", "docs/oud.md", cwd=tmp_path).stdout.splitlines() == [old]
    (tmp_path / "docs/oud.md").unlink()
    # Without the Markdown extension a block is a code sample, in the build and in check.
    write(tmp_path / "mkdocs.yml", config)
    assert build_problems(tmp_path) == [alpha]
    assert run("check", cwd=tmp_path).stdout.splitlines() == [alpha]


def test_a_value_of_only_spaces_is_said_to_be_blank_not_quoted_as_nothing(tmp_path):
    # Spaces were shortened to nothing, and quoted: "got the text ''", "'' is not one of ...".
    write(tmp_path / "docs/a.md", """
        ---
        journey:
          touchpoints:
            - {label: A, emotion: ' '}
            - {label: B, emotion: ''}
        ---
        """)
    write(tmp_path / "docs/index.md", "# Thuis\n\n```journey\npage: '  '\n```\n")
    write(tmp_path / "mkdocs.yml", "site_name: T\ntheme: {name: material, font: false}\nplugins: [search, journeys]\n"
                                   "markdown_extensions: [journeys]\n")
    emotions = "expected one of angry, disappointed, indifferent, happy"
    expected = [
        f"docs/a.md:4: journey.touchpoints[0].emotion: {emotions}, got a text of only spaces",
        f"docs/a.md:5: journey.touchpoints[1].emotion: {emotions}, got an empty text",
        "docs/index.md:4: page: expected the path of a journey page, e.g. journeys/verhuizing.md, "
        "got a text of only spaces",
    ]
    assert run("check", cwd=tmp_path).stdout.splitlines() == expected
    assert build_problems(tmp_path) == expected


def test_a_configuration_check_cannot_read_is_one_line(tmp_path):
    write(tmp_path / "mkdocs.yml", "INHERIT: base.yml\nsite_name: T\n")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == ("journeys check: cannot read the site configuration mkdocs.yml: "
                           "INHERIT: no such file base.yml\n")
    write(tmp_path / "base.yml", "INHERIT: mkdocs.yml\n")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 2 and "INHERIT: mkdocs.yml inherits from itself" in done.stderr


def test_example_site_passes_check():
    from pathlib import Path

    done = run("check", cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stdout


def test_csp_names_every_inline_script_that_runs_by_its_hash_and_nothing_else(tmp_path):
    import base64
    import hashlib

    write(tmp_path / "site/index.html", """
        <script>var a=1</script><script src="x.js"></script>
        <script id="__config" type="application/json">{"a": 1}</script>
        """)
    write(tmp_path / "site/deeper/index.html",
          "<SCRIPT type='text/javascript'>var b=2</SCRIPT><script>var a=1</script>")
    done = run("csp", "site", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    expected = sorted(f"'sha256-{base64.b64encode(hashlib.sha256(s).digest()).decode()}'"
                      for s in (b"var a=1", b"var b=2"))
    directives = dict(part.split(" ", 1) for part in done.stdout.strip().split("; "))
    assert directives["script-src"] == " ".join(["'self'", *expected])
    assert run("csp", "nowhere", cwd=tmp_path).returncode == 2


def one_line(done: subprocess.CompletedProcess, code: int, start: str) -> None:
    assert done.returncode == code and len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith(start), done.stderr


def test_a_file_where_a_folder_should_be_is_a_usage_error(tmp_path):
    write(tmp_path / "content/journeys", "not a folder")
    one_line(run("new", "Iets", cwd=tmp_path), 2,
             "journeys new: cannot write content/journeys/iets.md: content/journeys is a file, not a folder")
    write(tmp_path / "m.mmd", "journey\nsection A\nBellen: 3: Klant\n")
    one_line(run("import-mermaid", "m.mmd", "--out", "content/journeys/x.md", cwd=tmp_path), 2,
             "journeys import-mermaid: cannot write content/journeys/x.md: content/journeys is a file, not a folder")


def test_a_configuration_that_is_not_utf8_is_a_usage_error(tmp_path):
    (tmp_path / "latin.yml").write_bytes(b"site_name: T\ndocs_dir: caf\xe9\n")
    one_line(run("-f", "latin.yml", "check", cwd=tmp_path), 2, "journeys check: cannot read the site configuration "
             "latin.yml: line 2 is not UTF-8 text (byte 0xe9); save the file as UTF-8")


def test_diff_takes_no_option_for_a_revision(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    for args in (["--", "--output=x"], ["HEAD", "--", "--output=x"]):
        one_line(run("diff", *args, cwd=tmp_path), 2,
                 "journeys diff: '--output=x' is not a git revision: a revision does not start with '-'")
    assert not (tmp_path / "x").exists()


def test_new_names_a_file_after_a_title_without_latin_letters_and_refuses_an_empty_title(tmp_path):
    for title in ("", "   "):
        one_line(run("new", title, cwd=tmp_path), 2, "journeys new: the title is empty; give the journey a title")
    assert not (tmp_path / "content").exists()
    written = [run("new", title, cwd=tmp_path).stdout.strip() for title in ("🎉", "البحث")]
    assert written == ["content/journeys/journey.md", "content/journeys/journey-2.md"]
    assert "exists; not overwritten" in run("new", "Journey", cwd=tmp_path).stderr  # a Latin title names its file
    said = run("check", cwd=tmp_path).stdout.splitlines()  # valid: only its example texts to replace
    assert len(said) == 16 and all(line.endswith("write what is true of this journey") for line in said), said


# ESC ] 0 sets a terminal's title, BEL ends it, ESC [ 31m colours, ESC ] 8 makes a hyperlink;
# \x9b is the one-byte CSI (C1).
TERMINAL = r'''---
journey:
  touchpoints:
    - label: A
      emotion: "\e]0;pwned\a\e[31mhapy\x9b2J"
      "\e]8;;https://evil.test/\e\\klik\e]8;;\e\\": x
---
'''


def test_control_characters_from_front_matter_are_shown_written_out(tmp_path):
    from sites import build, make_site

    controls = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    write(tmp_path / "content/a.md", TERMINAL)
    text = run("check", cwd=tmp_path)
    github = run("check", "--format", "github", cwd=tmp_path)
    for done in (text, github):
        assert done.returncode == 1 and not controls.search(done.stdout + done.stderr), repr(done.stdout)
    first, second = text.stdout.splitlines()
    assert first == ("content/a.md:5: journey.touchpoints[0].emotion: '\\x1b]0;pwned\\x07\\x1b[31mhapy\\x9b2J' is not "
                     "one of angry, disappointed, indifferent, happy")
    key = "\\x1b]8;;https://evil.test/\\x1b\\klik\\x1b]8;;\\x1b\\"
    assert second.startswith(f"content/a.md:6: journey.touchpoints[0].{key}: unknown field '{key}'")
    assert github.stdout.splitlines()[1].startswith(
        "::error file=content/a.md,line=6,title=journey.touchpoints[0].\\x1b]8;;https%3A//evil.test/\\x1b\\klik"
        "\\x1b]8;;\\x1b\\::unknown field '\\x1b]8;;https://evil.test/")
    redirect = '---\ntemplate: redirect.html\nlocation: "javascript:\\e]0;pwned\\a"\n---\n'
    make_site(tmp_path, {"a.md": TERMINAL, "b.md": redirect})
    built = build(tmp_path, strict=False)
    assert "WARNING -  journeymaps: docs/a.md:5: journey.touchpoints[0].emotion: '\\x1b]0;pwned" in built.output
    assert "journeymaps: docs/b.md:3: location: 'javascript:\\x1b]0;pwned\\x07' does not redirect" in built.output
    assert not controls.search(built.output), repr(built.output)


SITE = "site_name: T\ntheme: {name: material, language: nl, font: false}\n"
PLUGINS = "plugins:\n  - search\n  - journeys: "


# (the configuration after its site_name and theme, the setting check names,
# what it says, and what the build says when MkDocs' own words, not the plugin's)
BAD_SETTINGS = [
    # The build and check stopped with a Python traceback.
    (PLUGINS + "{plain_language: {words: {3: a}}}", "plugins.journeys.plain_language.words",
     "the number 3 is not a word; write the jargon as text, as in roadmap: plan", None),
    (PLUGINS + "{language: 3}", "plugins.journeys.language", "expected text, got the number 3", None),
    (PLUGINS + "{plain_language: {words: [a, b]}}", "plugins.journeys.plain_language.words",
     "expected a mapping of words to their plain alternatives (roadmap: plan), got a list", None),
    # Material's search plugin fails on it first, with a traceback of its own.
    ("theme: {name: material, language: 3}\nplugins: [journeys]", "theme.language",
     "expected a language such as nl or en, got the number 3", None),
    # check said it in Python's words ('got the text 'd'', "'int' object is not iterable").
    (PLUGINS + "{killers: datalek}", "plugins.journeys.killers",
     "expected a list of killers, each as {id: ..., label: ...}, got the text 'datalek'", None),
    (PLUGINS + "{killers: {id: k, label: K}}", "plugins.journeys.killers",
     "expected a list of killers, each as {id: ..., label: ...}, got a mapping", None),
    (PLUGINS + "{killers: 3}", "plugins.journeys.killers",
     "expected a list of killers, each as {id: ..., label: ...}, got the number 3", None),
    (PLUGINS + "{plain_language: true}", "plugins.journeys.plain_language",
     "expected a mapping of options, got 'true' (yes/no)", None),
    (PLUGINS + "3", "plugins.journeys", "expected a mapping of options, got the number 3",
     "Invalid config options for the 'journeys' plugin."),
    ("docs_dir: 3\n" + PLUGINS + "{}", "docs_dir", "expected text, got the number 3",
     "Config value 'docs_dir': Expected type"),
    # check passed them; the build took the first two as words.
    (PLUGINS + "{plain_language: {words: {klantreis: 3}}}", "plugins.journeys.plain_language.words",
     "'klantreis' maps to the number 3; expected its plain alternative as text, or null to allow the word", None),
    (PLUGINS + "{plain_language: {words: {klantreis: [a]}}}", "plugins.journeys.plain_language.words",
     "'klantreis' maps to a list; expected its plain alternative as text, or null to allow the word", None),
    (PLUGINS + "{colors: {set: rainbow}}", "plugins.journeys.colors.set",
     "expected one of traffic-light, viridis, got the text 'rainbow'", None),
    (PLUGINS + "{colors: {happy: groenig}}", "plugins.journeys.colors.happy",
     "'groenig' is not a CSS colour; expected e.g. '#2e7d32' or 'green'", None),
    # The build checked a face's colour in its on_config, named otherwise, and not with the plugin disabled.
    (PLUGINS + "{enabled: false, colors: {happy: groenig}}", "plugins.journeys.colors.happy",
     "'groenig' is not a CSS colour; expected e.g. '#2e7d32' or 'green'", None),
    (PLUGINS + "{colors: {set: viridis, angry: 'rgb(0 0 0 / 50%)'}}", "plugins.journeys.colors.angry",
     "'rgb(0 0 0 / 50%)' is see-through; a face needs an opaque colour", None),
    (PLUGINS + "{download: 'ja'}", "plugins.journeys.download", "expected true or false, got the text 'ja'", None),
    (PLUGINS + "{plain_language: {strict: maybe}}", "plugins.journeys.plain_language.strict",
     "expected true or false, got the text 'maybe'", None),
    (PLUGINS + "{enabled: 'nee'}", "plugins.journeys.enabled", "expected true or false, got the text 'nee'", None),
    # A site-wide killer, named as a journey's own would be (it said '1 validation error for Killer').
    (PLUGINS + "{killers: [{id: Bad Id, label: Datalek}]}", "plugins.journeys.killers[0].id",
     "'Bad Id' is not a valid id; use lowercase letters, digits and hyphens, e.g. 'bad-id'", None),
    (PLUGINS + "{killers: [{id: ok, label: Goed}, {id: datalek}]}", "plugins.journeys.killers[1].label",
     "required field is missing", None),
    (PLUGINS + "{killers: [datalek]}", "plugins.journeys.killers[0]",
     "expected a mapping of fields, got the text 'datalek'", None),
    # duplicate ids are errors, as in a journey: the second stood for both
    (PLUGINS + "{killers: [{id: datalek, label: Datalek}, {id: datalek, label: Brief naar een ander}]}",
     "plugins.journeys.killers[1].id", "duplicate id 'datalek'; already used by killers[0]", None),
]


@pytest.mark.parametrize("config, setting, message, build_says", BAD_SETTINGS, ids=[c[1] for c in BAD_SETTINGS])
def test_a_bad_setting_stops_the_build_and_check_alike_in_one_line(tmp_path, config, setting, message, build_says):
    # check validates the plugin's options with the build's own schema (config.py).
    write(tmp_path / "docs/a.md", "---\njourney:\n  touchpoints: [{label: A}]\n---\n")
    (tmp_path / "mkdocs.yml").write_text(SITE + config + "\n", encoding="utf-8")
    done = run("check", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"journeys check: mkdocs.yml: {setting}: {message}\n")
    built = build(tmp_path, strict=False)
    assert built.returncode == 1 and "Traceback" not in built.output, built.output
    aborted = "(configuration error|BuildError)"
    if setting.startswith("plugins.journeys.") and build_says is None:
        # An option of the plugin: a configuration error that names it as check does.
        option, below = re.fullmatch(r"plugins\.journeys\.(\w+)\.?(.*)", setting).groups()
        build_says = f"Plugin 'journeys' option '{option}': " + (f"{below}: " if below else "") + message
        aborted = "configuration error"
    assert re.search(r"^ERROR +- .*" + re.escape(build_says or message), built.output, re.M), built.output
    assert re.search(f"^Aborted with a {aborted}!$", built.output, re.M), built.output


# (the plugin's options, the setting check names, what the build names, what both say)
UNKNOWN_OPTIONS = [
    ("{killer: [{id: k, label: K}]}", "plugins.journeys.killer", "option 'killer'",
     "unknown option (did you mean 'killers'?)"),
    ("{plain_language: {strikt: true}}", "plugins.journeys.plain_language.strikt", "option 'plain_language': strikt",
     "unknown option (did you mean 'strict'?)"),
    ("{colors: {set: viridis, hapy: red}}", "plugins.journeys.colors.hapy", "option 'colors': hapy",
     "unknown option (did you mean 'happy'?)"),
    # MkDocs validates a plugin's options, and warns, whether or not it is enabled.
    ("{enabled: false, colours: {}}", "plugins.journeys.colours", "option 'colours'",
     "unknown option (did you mean 'colors'?)"),
    ("{plain_language: {words: {}, 3: a}}", "plugins.journeys.plain_language.3", "option 'plain_language': 3",
     "unknown option; expected one of enabled, strict, words"),
]


@pytest.mark.parametrize("options, setting, build_names, message", UNKNOWN_OPTIONS, ids=[c[1] for c in UNKNOWN_OPTIONS])
def test_an_unknown_option_fails_check_as_it_fails_a_strict_build(tmp_path, options, setting, build_names, message):
    # check passed it ('0 problems', exit 0) where `mkdocs build --strict` stopped at it.
    write(tmp_path / "docs/a.md", "---\njourney:\n  touchpoints: [{label: A}]\n---\n")
    (tmp_path / "mkdocs.yml").write_text(SITE + PLUGINS + options + "\n", encoding="utf-8")
    done = run("check", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, f"mkdocs.yml:5: {setting}: {message}\n"), done.stderr
    assert "1 journey checked, 1 problem\n" in done.stderr
    built = build(tmp_path, strict=False)  # a warning, as a journey's problem is
    assert built.returncode == 0, built.output
    warning = f"Config value 'plugins': Plugin 'journeys' {build_names}: {message}"
    assert re.search(r"^WARNING +- +" + re.escape(warning) + "$", built.output, re.M), built.output
    built = build(tmp_path)
    assert built.returncode == 1 and "Aborted with 1 configuration warnings in 'strict' mode!" in built.output


def test_an_unknown_option_is_named_where_it_is_written_in_an_inherited_configuration(tmp_path):
    write(tmp_path / "docs/a.md", "---\njourney:\n  touchpoints: [{label: A}]\n---\n")
    write(tmp_path / "base.yml", """
        site_name: T
        theme: {name: material, language: nl, font: false}
        plugins:
          search: {}
          journeys:
            plain_language:
              strikt: true
        """)
    write(tmp_path / "mkdocs.yml", "INHERIT: base.yml\nsite_name: U\nplugins:\n  journeys:\n    kiosk: false\n")
    done = run("check", "--format", "github", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "::error file=base.yml,line=7,title=plugins.journeys.plain_language."
                                                 "strikt::unknown option (did you mean 'strict'?)\n")
    assert build(tmp_path).returncode == 1


def test_options_left_empty_are_their_defaults_in_the_build_and_check_alike(tmp_path):
    # The build stopped at `plain_language:` left empty, which check took as its defaults.
    write(tmp_path / "docs/a.md", "---\njourney:\n  touchpoints: [{label: Een roadmap en een reis}]\n---\n")
    (tmp_path / "mkdocs.yml").write_text(SITE + PLUGINS + "{killers: , colors: , plain_language: }\n")
    assert build(tmp_path).returncode == 0
    done = run("check", cwd=tmp_path)
    assert done.returncode == 0 and "1 plain-language hint" in done.stderr
    words = "{strict: true, words: {roadmap: null, reis: tocht}}"
    (tmp_path / "mkdocs.yml").write_text(SITE + PLUGINS + "{plain_language: " + words + "}\n")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout.splitlines() == [
        "docs/a.md:3: journey.touchpoints[0].label: plain language: 'reis'; try 'tocht'"]
    assert "'reis'; try 'tocht'" in build(tmp_path).output


def many_pages(folder, count: int = 200) -> list[str]:
    """`count` journey pages, every third with a problem; the problems' lines, in file order."""
    expected = []
    for n in range(count):
        emotion = "hapy" if n % 3 == 0 else "happy"
        write(folder / f"reis-{n:03}.md",
              f"---\njourney:\n  touchpoints:\n    - {{label: A, emotion: {emotion}}}\n---\n")
        if n % 3 == 0:
            expected.append(f"docs/reis-{n:03}.md:4: journey.touchpoints[0].emotion: 'hapy' is not one of angry, "
                            "disappointed, indifferent, happy (did you mean 'happy'?)")
    return expected


def test_a_large_library_is_checked_in_workers_and_reported_in_file_order(tmp_path):
    # From PARALLEL_FROM files on, check forks workers; no test ran that path.
    expected = many_pages(tmp_path / "docs")
    done = run("check", "docs", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout.splitlines() == expected
    assert done.stderr.strip().splitlines()[-1] == f"200 journeys checked, {len(expected)} problems"


def test_where_fork_is_not_safe_a_large_library_is_checked_in_one_process(tmp_path, monkeypatch):
    # Windows has no fork (get_context('fork') raised ValueError), and on macOS it may crash.
    from journeymaps import cli

    expected = many_pages(tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "platform", "win32")

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool of forked workers")

    monkeypatch.setattr(cli, "ProcessPoolExecutor", no_pool)
    count, errors, _ = cli.check_files(["docs"], cli.Settings(docs_dir="docs", plain=False))
    assert count == 200 and [str(p) for p in errors] == expected


def test_check_says_where_a_department_is_written_in_another_spelling_as_the_build_does(tmp_path):
    write(tmp_path / "content/b.md", """
        ---
        journey:
          touchpoints:
            - {label: b1, owner: Bediening, score: 3}
            - {label: b2, owner: "KEUKEN ", score: 1}
        ---
        """)
    write(tmp_path / "content/a.md",
          "---\njourney:\n  owner: Keuken\n  touchpoints: [{label: a, owner: Keuken}]\n---\n")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "content/b.md:5: journey.touchpoints[1].owner: 'KEUKEN' is written 'Keuken' elsewhere (2 times); "
        "the department is shown as 'Keuken'",
    ]
    assert "2 journeys checked, 1 problem" in done.stderr
    assert run("check", "content/b.md", cwd=tmp_path).returncode == 0  # alone, it has one spelling


def test_check_names_text_a_yaml_comment_cut_short_as_the_build_does(tmp_path):
    write(tmp_path / "docs/melding.md", """
        ---
        journey:
          phases: [Melden]
          touchpoints:
            - label: Bel #2 naar het KCC  # het tweede telefoontje
              phase: Melden
              score: 2 # geschat
        ---
        """)
    write(tmp_path / "mkdocs.yml", "site_name: T\ntheme: {name: material, font: false}\nplugins: [search, journeys]\n")
    line = ("docs/melding.md:5: journey.touchpoints[0].label: '#2 naar het KCC' is read as a YAML comment and left "
            "out, so the text is 'Bel'; put the whole text in quotes: \"Bel #2 naar het KCC\"")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout.splitlines() == [line], done.stdout
    assert "1 journey checked, 1 problem" in done.stderr
    assert build_problems(tmp_path) == [line]
