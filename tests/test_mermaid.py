"""`journeys import-mermaid`: Mermaid journey diagrams become journey pages,
run as an editor runs it. The diagrams are our own; the last ones follow the
shape of the examples in Mermaid's documentation (a working day; sections
with several actors)."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import textwrap

import pytest
import yaml

from journeymaps.mermaid import our_score
from journeymaps.score import emotion_for
from hostile import live_markup_in_html
from sites import build, make_site

EVERYTHING = """\
%% A comment line, then the keyword in capitals
JOURNEY
  Title Een pakket ophalen   # a comment after the title
  accTitle: Pakket ophalen bij het afhaalpunt
  accDescr {
    Hoe een bewoner een pakket ophaalt
    dat niet bezorgd kon worden
  }

  section Bericht
    Kaartje in de bus: 2: Bewoner;
    Track-and-trace bekijken: 3: Bewoner, Website
  SECTION Ophalen
    Naar het afhaalpunt: 1: Bewoner ; Wachten in de rij: 0: Bewoner, Winkelier
    Pakket meekrijgen: 5: Bewoner
"""


def run(*args: str, cwd, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journeymaps.cli", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True)


def front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_every_element_of_the_syntax_lands_in_its_field(tmp_path):
    done = run("import-mermaid", "-", cwd=tmp_path, stdin=EVERYTHING)
    assert done.returncode == 0, done.stderr
    meta = front_matter(done.stdout)
    assert meta["title"] == "Een pakket ophalen"  # title, not accTitle; the comment dropped
    journey = meta["journey"]
    assert journey["persona"] == "Bewoner"  # in every task
    assert journey["phases"] == [{"id": "bericht", "label": "Bericht"}, {"id": "ophalen", "label": "Ophalen"}]
    assert [tp["label"] for tp in journey["touchpoints"]] == [
        "Kaartje in de bus", "Track-and-trace bekijken", "Naar het afhaalpunt", "Wachten in de rij",
        "Pakket meekrijgen"]
    assert [tp["phase"] for tp in journey["touchpoints"]] == ["bericht", "bericht", "ophalen", "ophalen", "ophalen"]
    assert [tp["score"] for tp in journey["touchpoints"]] == [our_score(2), 3, our_score(1), 1, 5]
    assert [tp.get("backstage") for tp in journey["touchpoints"]] == [
        None, "Who takes part: Website", None, "Who takes part: Winkelier", None]
    body = done.stdout.split("---\n", 2)[2]
    assert body.strip().splitlines()[0] == "Hoe een bewoner een pakket ophaalt dat niet bezorgd kon worden"
    assert done.stderr == ""


def test_acc_title_names_a_diagram_without_title_and_a_one_line_acc_descr_is_the_story(tmp_path):
    diagram = ("journey\naccTitle: Parkeervergunning\naccDescr: Een vergunning aanvragen\n"
               "section Aanvragen\nFormulier: 3: Bewoner\n")
    done = run("import-mermaid", "-", cwd=tmp_path, stdin=diagram)
    assert front_matter(done.stdout)["title"] == "Parkeervergunning"
    assert done.stdout.split("---\n", 2)[2].strip().startswith("Een vergunning aanvragen\n")


@pytest.mark.parametrize("mermaid, band", [
    (0, ("angry",)), (1, ("angry",)), (2, ("angry", "disappointed")), (2.9, ("disappointed",)),
    (3, ("indifferent",)), (3.1, ("happy",)), (4, ("happy",)), (5, ("happy",)),
])
def test_sad_neutral_and_smiling_faces_land_in_the_matching_bands(mermaid, band):
    # Mermaid draws a sad face below 3, a neutral one at 3 and a smile above.
    score = our_score(mermaid)
    assert 1 <= score <= 5 and emotion_for(score) in band
    assert (score < 3) == (mermaid < 3) and (score >= 4) == (mermaid > 3)


def test_the_scale_keeps_its_order():
    steps = [n / 10 for n in range(51)]
    scores = [our_score(m) for m in steps]
    assert scores == sorted(scores) and scores[0] == 1 and scores[-1] == 5


def test_without_a_common_actor_there_is_no_persona_and_every_task_keeps_its_own(tmp_path):
    diagram = "journey\nsection A\nBellen: 2: Klant\nTerugbellen: 4: Medewerker\n"
    journey = front_matter(run("import-mermaid", "-", cwd=tmp_path, stdin=diagram).stdout)["journey"]
    assert "persona" not in journey
    assert [tp["backstage"] for tp in journey["touchpoints"]] == ["Who takes part: Klant", "Who takes part: Medewerker"]


@pytest.mark.parametrize("diagram, message", [
    ("journey\nsection A\n  Bellen\n",
     "<stdin>:3: mermaid: the task 'Bellen' has no score; write it as 'Bellen: 3: Actor'"),
    ("journey\nsection A\nBellen: vijf: Klant\n", "<stdin>:3: mermaid: the score of 'Bellen' is 'vijf', not a number"),
    ("journey\nsection A\nBellen: 7: Klant\n",
     "<stdin>:3: mermaid: the score of 'Bellen' is 7; Mermaid scores run from 0 to 5"),
    ("journey\n  title Leeg\n", "<stdin>:1: mermaid: the journey diagram has no tasks"),
    ("flowchart LR\n  A --> B\n", "<stdin>:1: mermaid: not a journey diagram"),
    ("", "<stdin>:1: mermaid: not a journey diagram"),
    ("journey\naccDescr {\n  nooit gesloten\n", "<stdin>:2: mermaid: accDescr { is never closed"),
])
def test_errors_name_the_mermaid_line_in_one_line(tmp_path, diagram, message):
    done = run("import-mermaid", "-", cwd=tmp_path, stdin=diagram)
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith(message), done.stderr


def test_tasks_before_any_section(tmp_path):
    # Allowed in Mermaid. Alone they are moments without a phase; before a
    # section they go into a first phase, since the format then needs one.
    alone = run("import-mermaid", "-", cwd=tmp_path, stdin="journey\nBellen: 2: Klant\nMailen: 4: Klant\n")
    assert alone.returncode == 0
    assert "phases" not in front_matter(alone.stdout)["journey"]
    assert alone.stderr == "<stdin>:2: note: the diagram has no sections: its moments have no phases\n"
    mixed = run("import-mermaid", "-", cwd=tmp_path,
                stdin="journey\nBellen: 2: Klant\nsection Start\nMailen: 4: Klant\n")
    journey = front_matter(mixed.stdout)["journey"]
    assert journey["phases"] == [{"id": "start", "label": "Start"}, {"id": "start-2", "label": "Start"}]
    assert [tp["phase"] for tp in journey["touchpoints"]] == ["start", "start-2"]
    assert mixed.stderr.startswith("<stdin>:2: note: the task 'Bellen' comes before the first section")


def test_a_markdown_file_converts_its_journeys_and_leaves_other_diagrams_alone(tmp_path):
    write(tmp_path / "docs.md", """\
        # Onze processen

        ```mermaid
        flowchart LR
          A --> B
        ```

        ```mermaid
        journey
          title Afval aanmelden
          section Melden
            Formulier: 4: Bewoner
        ```

        ~~~mermaid
        journey
          title Grofvuil ophalen
          section Ophalen
            Wachten op de wagen: 1: Bewoner
        ~~~
        """)
    refused = run("import-mermaid", "docs.md", cwd=tmp_path)
    assert refused.returncode == 2 and "holds 2 journey diagrams (lines 9, 16); add --all" in refused.stderr
    done = run("import-mermaid", "docs.md", "--all", "--out", "pages", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["pages/afval-aanmelden.md", "pages/grofvuil-ophalen.md"]
    assert done.stderr == ("docs.md:4: note: a Mermaid 'flowchart' diagram, left alone "
                           "(only journey diagrams are converted)\n")
    assert front_matter((tmp_path / "pages/grofvuil-ophalen.md").read_text())["title"] == "Grofvuil ophalen"
    again = run("import-mermaid", "docs.md", "--all", "--out", "pages", cwd=tmp_path)
    assert again.returncode == 1 and "exists; not overwritten" in again.stderr
    # An error names the line in the Markdown file, not in the block.
    write(tmp_path / "broken.md", "Tekst\n\n```mermaid\njourney\nsection A\nBellen: ?: Klant\n```\n")
    broken = run("import-mermaid", "broken.md", cwd=tmp_path)
    assert broken.stderr.startswith("broken.md:6: mermaid: the score of 'Bellen' is '?'")



def test_titles_without_latin_letters_name_the_pages_journey(tmp_path):
    block = "```mermaid\njourney\n  title {}\n  section A\n    Bellen: 3: Klant\n```\n"
    write(tmp_path / "docs.md", block.format("🎉") + block.format("البحث"))
    done = run("import-mermaid", "docs.md", "--all", "--out", "pages", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["pages/journey.md", "pages/journey-2.md"]

# Our own diagrams in the shape of the examples on Mermaid's documentation
# page for the journey diagram, and the first test's diagram.
LIKE_THE_DOCS = {
    "werkdag.mmd": """\
        journey
            title Mijn werkdag
            section Naar het werk
              Koffie zetten: 5: Ik
              Trap op: 3: Ik
              Werken: 1: Ik, Kat
            section Naar huis
              Trap af: 5: Ik
              Zitten: 5: Ik
        """,
    "pakket.mmd": EVERYTHING,
    "vergunning.mmd": "journey\naccTitle: Parkeervergunning\nsection Aanvragen\nFormulier: 3: Bewoner\n",
    "bellen.mmd": "journey\nBellen: 2: Klant\nsection Terugbellen\nTerugbellen: 4: Medewerker\n",
}


def test_produced_pages_pass_check_and_build_strictly(tmp_path):
    make_site(tmp_path, {"index.md": "# Thuis\n"})  # a Dutch site: the import writes its labels in Dutch
    for name, diagram in LIKE_THE_DOCS.items():
        write(tmp_path / name, diagram)
        done = run("import-mermaid", name, "--out", f"docs/journeys/{name[:-4]}.md", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    checked = run("check", "docs", cwd=tmp_path)
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout
    built = build(tmp_path)
    assert built.returncode == 0, built.output
    page = built.html("journeys/werkdag/index.html")
    assert "Mijn werkdag" in page and page.count('class="jm-step"') == 5
    assert "Wie doen er mee: Kat" in page


# Mermaid's own comments (#) and statement breaks (;) keep it from holding more.
DESCRIPTION = ("Desc <img src=x onerror=alert(1)> [click](javascript:alert(2)) ![x](https://evil.test/pwn.png) "
               "*see*{: onclick='alert(3)' } https://evil.test/pwn and www.evil.test, @org/team <!-- end")


def test_the_description_lands_as_text_in_the_built_page(tmp_path):
    extensions = "markdown_extensions: [attr_list, md_in_html, pymdownx.magiclink]\n"
    make_site(tmp_path, {"index.md": "# Thuis\n"}, extra=extensions)
    write(tmp_path / "d.mmd", f"journey\ntitle Beschreven\naccDescr: {DESCRIPTION}\nsection A\nBellen: 3: Klant\n")
    done = run("import-mermaid", "d.mmd", "--out", "docs/journeys/d.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    built = build(tmp_path)
    assert built.returncode == 0, built.output
    page = built.html("journeys/d/index.html")
    assert live_markup_in_html(page) == []
    assert "evil.test" not in "".join(re.findall(r'(?:href|src)="[^"]*"', page))
    story = re.search(r"<p>(Desc.*?)</p>", page, re.S).group(1)
    assert html.unescape(story).replace("\u200d", "") == DESCRIPTION  # as written, tags and all


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c"])
def test_lines_are_counted_at_line_feeds_only_as_an_editor_shows_them(tmp_path, separator):
    # str.splitlines also breaks at these: every later line was named one too far.
    write(tmp_path / "page.md",
          f"Intro{separator} more\n\n```mermaid\njourney\n  section S\n    Bellen: x: Klant\n```\n")
    done = run("import-mermaid", "page.md", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.startswith("page.md:6: mermaid: the score of 'Bellen' is 'x'"), \
        done.stderr
    done = run("import-mermaid", "-", cwd=tmp_path,
               stdin=f"journey\n  title A{separator}B\n  section S\n    Bellen: x: Klant\n")
    assert done.stderr.startswith("<stdin>:4: mermaid:"), done.stderr
