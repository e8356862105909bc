"""The editors' tools, run as editors run them: new, check --format github,
schema, diff, help, exit codes, colour, plain language."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from sites import build, make_site
from test_validate import CASES

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journeymaps.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.mark.parametrize("command", ["check", "new", "schema", "diff"])
def test_every_command_has_help(command, tmp_path):
    done = run(command, "--help", cwd=tmp_path)
    assert done.returncode == 0 and "usage: journeys" in done.stdout


def test_usage_errors_exit_2(tmp_path):
    assert run("bogus", cwd=tmp_path).returncode == 2
    assert run("new", cwd=tmp_path).returncode == 2  # TITLE missing
    assert run("check", "missing-folder", cwd=tmp_path).returncode == 2
    assert run("-f", "nope.yml", "check", cwd=tmp_path).returncode == 2


def filled_in(path) -> None:
    """The skeleton with its example texts replaced, as an editor does."""
    from journeymaps.skeleton import PLACEHOLDERS

    text = path.read_text()
    for n, example in enumerate(sorted(PLACEHOLDERS, key=len, reverse=True)):
        text = text.replace(example, f"Echt {n}")
    path.write_text(text)


@pytest.mark.parametrize("shape, phases", [("timeline", None), ("cycle", None), ("timeline", "ten-phases")])
def test_new_writes_a_skeleton_that_passes_check_once_filled_in_and_refuses_to_overwrite(tmp_path, shape, phases):
    args = ["new", "Rijbewijs verlengen: 'snel' & goed", "--shape", shape] + (["--phases", phases] if phases else [])
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "content/journeys/rijbewijs-verlengen-snel-goed.md"
    assert done.stdout.strip() == "content/journeys/rijbewijs-verlengen-snel-goed.md"
    meta = yaml.safe_load(path.read_text().split("---\n")[1])
    assert meta["title"] == "Rijbewijs verlengen: 'snel' & goed"
    assert meta["journey"]["shape"] == shape and meta["journey"]["updated"] == dt.date.today()
    assert "#" in path.read_text()  # commented for the editor
    assert "persona: Who makes this journey" in path.read_text()  # a site without a language: English
    # Published as it is, it made departments named "The team that owns this moment": each example is named.
    unfilled = run("check", cwd=tmp_path)
    assert unfilled.returncode == 1 and len(unfilled.stdout.splitlines()) == 8
    assert all(line.endswith(": still the example text that 'journeys new' wrote; write what is true of this "
                             "journey") for line in unfilled.stdout.splitlines()), unfilled.stdout
    filled_in(path)
    assert run("check", cwd=tmp_path).returncode == 0
    before = path.read_text()
    again = run(*args, cwd=tmp_path)
    assert again.returncode == 1 and "exists; not overwritten" in again.stderr
    assert path.read_text() == before


def test_new_writes_its_skeleton_in_the_sites_language(tmp_path):
    # A Dutch site's editors got an English skeleton to fill in.
    write(tmp_path / "mkdocs.yml", "site_name: T\ndocs_dir: content\ntheme: {name: material, language: nl}\n")
    assert run("new", "Rijbewijs verlengen", cwd=tmp_path).returncode == 0
    text = (tmp_path / "content/journeys/rijbewijs-verlengen.md").read_text()
    assert "persona: Wie deze reis maakt" in text and "phases: [Ontdekken, Regelen, Ontvangen]   # of:" in text
    assert "content/journeys/rijbewijs-verlengen.md:4: journey.persona: still the example text" in \
        run("check", cwd=tmp_path).stdout  # its Dutch examples are known too
    filled_in(tmp_path / "content/journeys/rijbewijs-verlengen.md")
    done = run("check", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")  # valid, and no plain-language hint on its own words
    assert run("new", "Sportpas", "--phases", "ten-phases", cwd=tmp_path).returncode == 0
    preset = (tmp_path / "content/journeys/sportpas.md").read_text()
    assert "phases: ten-phases               # de tien fasen" in preset  # its comment was English


def test_check_prints_github_annotations(tmp_path):
    write(tmp_path / "content/a.md", """
        ---
        journey:
          touchpoints:
            - {label: "A, b: c", emotion: hapy}
        ---
        """)
    done = run("check", "--format", "github", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "::error file=content/a.md,line=4,title=journey.touchpoints[0].emotion::'hapy' is not one of angry, "
        "disappointed, indifferent, happy (did you mean 'happy'?)"
    ]


def test_colour_only_on_a_terminal(tmp_path):
    write(tmp_path / "content/a.md", "---\njourney:\n  touchpoints: [{label: A, score: 9}]\n---\n")
    piped = run("check", cwd=tmp_path)
    assert "\033[" not in piped.stdout and piped.returncode == 1
    # a pseudo-terminal, as an editor's shell has
    import pty

    out, _ = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "journeymaps.cli", "check"], cwd=tmp_path, stdout=out,
                          stderr=subprocess.PIPE, env={k: v for k, v in os.environ.items() if k != "NO_COLOR"})
    os.close(out)
    assert done.returncode == 1
    coloured = subprocess.run([sys.executable, "-c", "import sys; sys.path[:0] = ['plugins']; "
                               "from journeymaps.cli import _paint; print(repr(_paint('x', '1', True)))"],
                              cwd=ROOT, capture_output=True, text=True).stdout
    assert "\\x1b[1m" in coloured


def test_check_runs_fast_enough_to_use_on_every_save(tmp_path):
    """Not a timing test: a sanity check that one map costs well under a 500th of a second
    on an idle core is in benchmarks/; here only that 200 maps all check clean."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from library import write_library

    write_library(tmp_path / "content", 200)
    done = run("check", cwd=tmp_path)
    assert done.returncode == 0, done.stdout[:500]
    assert "200 journeys checked, 0 problems" in done.stderr


# --- schema ---------------------------------------------------------------------------


def as_json(value):
    """YAML's dates as JSON has them: text."""
    return json.loads(json.dumps(value, default=str))


@pytest.fixture(scope="module")
def schema():
    done = run("schema", cwd=ROOT)
    assert done.returncode == 0
    return json.loads(done.stdout)


def valid_front_matters() -> list[dict]:
    pages = ([p.read_text() for p in (ROOT / "content").rglob("*.md")]
             + [(ROOT / "tests/data/format-example.md").read_text()])
    metas = [yaml.safe_load(text.split("---\n")[1]) for text in pages if text.startswith("---\n")]
    return [as_json(m) for m in metas if "journey" in m]


def test_schema_accepts_every_valid_journey(schema):
    journeys = valid_front_matters()
    assert len(journeys) >= 8
    for meta in journeys:
        jsonschema.validate(meta, schema)
    jsonschema.validate({"journey": {"phases": ["A", 2024], "touchpoints": [
        {"label": "x", "phase": 2024, "killer": "k", "evidence": [{"kind": "survey", "date": 2026}]}]}}, schema)
    journey = {"touchpoints": [{"label": "x"}]}
    jsonschema.validate({"lang": "en-GB", "journey": journey}, schema)
    for empty_one in ({"score": None, "scores": {"a": 3}}, {"score": 3, "scores": {}}):  # as the checker: one is given
        jsonschema.validate({"journey": {"touchpoints": [{"label": "x", **empty_one}]}}, schema)
    with pytest.raises(jsonschema.ValidationError):  # as the checker: 'lang: the text ... is not a language tag'
        jsonschema.validate({"lang": "Engels", "journey": journey}, schema)


# The kinds of error JSON Schema can express; the others (undefined or duplicate
# ids, links to pages) need the whole journey or the site.
EXPRESSIBLE = ("is not one of", "unknown field", "out of range", "expected a number", "exclude each other",
               "at least one touchpoint", "required field is missing", "is not a valid id", "expected a list",
               "expected a mapping")


@pytest.mark.parametrize("front_matter, expected", [c for c in CASES if any(k in c[1] for k in EXPRESSIBLE)])
def test_schema_rejects_what_the_checker_rejects(schema, front_matter, expected):
    meta = as_json(yaml.safe_load(textwrap.dedent(front_matter)))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(meta, schema)


# --- diff -----------------------------------------------------------------------------


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t"})


def test_diff_between_two_commits(tmp_path):
    git("init", "-q", cwd=tmp_path)
    write(tmp_path / "content/a.md", """
        ---
        title: Alpha
        journey:
          killers: [{id: k, label: Datalek}]
          touchpoints:
            - {label: Bellen, id: bellen, score: 2}
            - {label: Brief, score: 4, evidence: [{kind: survey}]}
            - {label: Balie, score: 3}
        ---
        """)
    git("add", ".", cwd=tmp_path)
    git("commit", "-qm", "one", cwd=tmp_path)
    write(tmp_path / "content/a.md", """
        ---
        title: Alpha
        journey:
          killers: [{id: k, label: Datalek}]
          touchpoints:
            - {label: Bellen met de gemeente, id: bellen, score: 4}
            - {label: Brief, score: 4, killer: k}
            - {label: App, score: 5, evidence: [{kind: interview}]}
        ---
        """)
    write(tmp_path / "content/b.md", "---\ntitle: Beta\njourney:\n  touchpoints: [{label: B, score: 3}]\n---\n")
    git("add", ".", cwd=tmp_path)
    git("commit", "-qm", "two", cwd=tmp_path)
    done = run("diff", "HEAD~1", "HEAD", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == textwrap.dedent("""\
        ## Journey changes

        ### Alpha

        `content/a.md`

        - Journey score: 3.0 → killed
        - Killers added: Datalek
        - Moments added: “App”
        - Moments removed: “Balie”
        - Moments changed: “Bellen met de gemeente (score 2.0 → 4.0)”; “Brief”

        ### Beta

        `content/b.md`

        - New journey.
        """)
    assert run("diff", "HEAD", cwd=tmp_path).stdout == "No journeys changed.\n"  # against the working tree
    assert run("diff", "no-such-ref", cwd=tmp_path).returncode == 2


def test_diff_matches_moments_as_a_baseline_comparison_does(tmp_path):
    # A moment that gained an id was "added" and "removed" at once: keyed by id, it no longer met its label.
    git("init", "-q", cwd=tmp_path)
    write(tmp_path / "content/a.md",
          "---\ntitle: Alpha\njourney:\n  touchpoints:\n    - {label: Bellen, score: 2}\n---\n")
    commit(tmp_path)
    write(tmp_path / "content/a.md",
          "---\ntitle: Alpha\njourney:\n  touchpoints:\n    - {label: Bellen, id: bellen, score: 3}\n---\n")
    done = run("diff", "HEAD", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("- Journey score: 2.0 → 3.0 (+1.0)\n- Moments changed: “Bellen (score 2.0 → 3.0)”\n")


def commit(tmp_path, message="change"):
    git("add", "-A", cwd=tmp_path)
    git("commit", "-qm", message, cwd=tmp_path)


def test_diff_reads_pages_as_check_and_the_build_do(tmp_path):
    """A byte-order mark is dropped; a file that is not UTF-8 is one line, as
    check gives it, and the rest of the diff is still made."""
    git("init", "-q", cwd=tmp_path)
    page = "---\ntitle: {title}\njourney:\n  touchpoints: [{{label: Bellen, emotion: {emotion}}}]\n---\n"
    (tmp_path / "content").mkdir()
    (tmp_path / "content/bom.md").write_bytes(b"\xef\xbb\xbf" + page.format(title="Bom", emotion="happy").encode())
    (tmp_path / "content/latin.md").write_bytes(page.format(title="Caf\xe9", emotion="happy").encode("latin-1"))
    commit(tmp_path)
    (tmp_path / "content/bom.md").write_bytes(b"\xef\xbb\xbf" + page.format(title="Bom", emotion="angry").encode())
    done = run("diff", "HEAD", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "### Bom\n\n`content/bom.md`\n\n- Journey score: 4.5 → 1.5 (-3.0)" in done.stdout
    assert done.stderr.splitlines() == [
        "HEAD:content/latin.md:2: file: is not UTF-8 text (byte 0xe9); save the file as UTF-8",
        "content/latin.md:2: file: is not UTF-8 text (byte 0xe9); save the file as UTF-8",
    ]
    assert run("check", cwd=tmp_path).stdout.startswith("content/latin.md:2: file: is not UTF-8 text (byte 0xe9)")



def test_diff_sees_files_named_with_other_than_ascii_and_files_deleted_in_the_working_tree(tmp_path):
    git("init", "-q", cwd=tmp_path)
    page = "---\ntitle: {}\njourney:\n  touchpoints: [{{label: A, score: {}}}]\n---\n"
    write(tmp_path / "content/coöperatie.md", page.format("Coöp", 2))
    write(tmp_path / "content/weg.md", page.format("Weg", 2))
    commit(tmp_path)
    write(tmp_path / "content/coöperatie.md", page.format("Coöp", 4))
    (tmp_path / "content/weg.md").unlink()
    done = run("diff", "HEAD", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "### Coöp\n\n`content/coöperatie.md`\n\n- Journey score: 2.0 → 4.0" in done.stdout
    assert "### Weg\n\n`content/weg.md`\n\n- Journey removed." in done.stdout
    commit(tmp_path)
    assert "### Coöp" in run("diff", "HEAD~1", "HEAD", cwd=tmp_path).stdout


def test_diff_shows_front_matter_text_as_text_in_the_comment(tmp_path):
    """The diff is posted as a pull request's comment: a title or label must
    not hide the rest, link, load an image, mention anyone or be HTML."""
    git("init", "-q", cwd=tmp_path)
    page = """
        ---
        title: "Plain <!-- hidden"
        journey:
          killers: [{id: k, label: "[pay here](https://evil.test/)"}]
          touchpoints:
            - {label: "![](https://evil.test/x.png) @org/team", score: %s}
            - {label: "<img src=x onerror=alert(1)> <details open>", score: %s}
            %s
        ---
        """
    name = "content/b` <b>x</b>.md"
    write(tmp_path / name, page % (2, 3, ""))
    commit(tmp_path)
    write(tmp_path / name, page % (1, "3, killer: k", '- {label: "*bold* _em_ www.evil.test #12 `code`", score: 4}'))
    done = run("diff", "HEAD", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    _, heading, path, text = done.stdout.split("\n\n")
    assert heading == r"### Plain &lt;\!-- hidden"
    assert path == "``content/b` <b>x</b>.md``"  # in a code span HTML is text
    for live in ("<", "@org", "https://", "www.evil"):
        assert live not in text, live
    assert not re.search(r"(?<!\\)[\[\]*_`]", text), text  # each escaped
    assert "@\u200dorg/team" in text and "\\#\u200d12" in text  # no mention, no issue link
    assert "- Moments changed: “\\!\\[\\](https&#58;//evil.test/x.png) @\u200dorg/team (score 2.0 → 1.0)”" in text
    assert r"- Killers added: \[pay here\](https&#58;//evil.test/)" in text
    assert r"- Moments added: “\*bold\* \_em\_ www\.evil.test \#" in text


# --- plain language -------------------------------------------------------------------

JARGON = """
---
journey:
  persona: Inwoner
  touchpoints:
    - label: Het eerste touchpoint
      quote: Wat een klantbeleving!
      pain: De roadmap is onduidelijk
---
We willen de klantbeleving optimaliseren.
"""


def test_check_gives_plain_language_hints_without_failing(tmp_path):
    write(tmp_path / "content/a.md", JARGON)
    done = run("check", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "content/a.md:5: journey.touchpoints[0].label: plain language: 'touchpoint'; try 'moment'",
        "content/a.md:7: journey.touchpoints[0].pain: plain language: 'roadmap'; try 'plan'",
    ]  # English word lists (no site language); the customer's quote is left alone
    write(tmp_path / "mkdocs.yml", """
        site_name: T
        docs_dir: content
        theme: {name: material, language: nl}
        plugins:
          - journeys:
              plain_language:
                strict: true
                words: {roadmap: null, optimaliseren: beter maken}
        """)
    done = run("check", cwd=tmp_path)
    assert done.returncode == 1  # the site asks for strict plain language
    assert done.stdout.splitlines() == [
        "content/a.md:5: journey.touchpoints[0].label: plain language: 'touchpoint'; try 'contactmoment'",
        "content/a.md:9: body: plain language: 'klantbeleving'; try 'hoe de klant het ervaart'",
        "content/a.md:9: body: plain language: 'optimaliseren'; try 'beter maken'",
    ]


def test_plain_language_in_a_build_fails_strict_only_when_asked(tmp_path):
    make_site(tmp_path, {"a.md": JARGON})
    result = build(tmp_path, strict=True)
    assert result.returncode == 0, result.output
    assert "INFO    -  journeymaps: docs/a.md:9: body: plain language: 'klantbeleving'" in result.output
    make_site(tmp_path, {"a.md": JARGON}, plugin_options="plain_language:\n  strict: true")
    result = build(tmp_path, strict=True)
    assert result.returncode != 0 and "WARNING -  journeymaps: docs/a.md:5:" in result.output
