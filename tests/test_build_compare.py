"""A redesigned journey and its baseline in a real build."""

from __future__ import annotations

import re
import subprocess
import sys

from sites import build, make_site

NOW = """
---
title: Vandaag
journey:
  touchpoints:
    - {label: Formulier, id: aanvragen, score: 2}
    - {label: Wachten, score: 2}
    - {label: Verlengen, score: 1.5}
---
"""
DESIGN = """
---
title: Ontwerp
journey:
  status: to-be
  baseline: vandaag.md
  touchpoints:
    - {label: App, id: aanvragen, score: 4.5}
    - {label: Verlengen, score: 4}
    - {label: Herinnering, score: 4}
---
"""


def test_pair_shows_both_curves_the_change_and_links_both_ways(tmp_path):
    make_site(tmp_path, {"vandaag.md": NOW, "ontwerp.md": DESIGN})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    html = (tmp_path / "site/ontwerp/index.html").read_text()
    assert html.count('class="jm-curve jm-curve--baseline"') == 1 and html.count('class="jm-curve"') == 1
    svg_text = " ".join(re.findall(r"<(?:tspan|text)[^>]*>([^<]+)</(?:tspan|text)>", html))
    assert "3. Herinnering (nieuw)" in svg_text  # an added moment is marked on the map
    dropped = re.search(r'class="jm-lane jm-lane--removed"[^>]*>(.*?)</g>', html, re.S).group(1)
    assert "Wachten" in dropped and "Vervallen" in svg_text  # a dropped moment has a row of its own
    # score 1.8 -> 4.2: (2 + 2 + 1.5) / 3 = 1.83 -> 1.8 and (4.5 + 4 + 4) / 3 = 4.17 -> 4.2
    assert "1,8 → 4,2 (+2,4)" in re.sub(r"\s+", " ", html)  # the change of the scores as shown
    rows = re.findall(r'<tr class="jm-change jm-change--(\w+)[^"]*">\s*<th scope="row">([^<]+)', html)
    assert [(kind, label.strip()) for kind, label in rows] == [
        ("matched", "App"), ("matched", "Verlengen"), ("added", "Herinnering"), ("removed", "Wachten")
    ]  # App 2 -> 4.5 and Verlengen 1.5 -> 4 tie at +2.5: the journey's order; then added, then removed
    assert '<a href="../vandaag/">Vandaag</a>' in html
    baseline = (tmp_path / "site/vandaag/index.html").read_text()
    assert "Herontworpen in" in baseline and '<a href="../ontwerp/">Ontwerp</a>' in baseline
    catalogue = (tmp_path / "site/journeys/index.html").read_text()
    titles = re.findall(r'class="jm-card__title" href="[^"]+">([^<]+)<', catalogue)
    assert titles.index("Ontwerp") == titles.index("Vandaag") + 1  # pairs together
    # The redesign's card names the journey it is compared with, and says why it stands there.
    assert re.search(r'<dt>Vergeleken met</dt><dd><a href="../vandaag/">Vandaag</a> · Verschil \+2,4</dd>', catalogue)
    assert "een herontwerp staat onder de reis die het opnieuw ontwerpt." in catalogue


def test_baseline_errors_name_the_line(tmp_path):
    pages = {
        "gewoon.md": "# Geen reis\n",
        "a.md": "---\njourney:\n  baseline: gewoon.md\n  touchpoints: [{label: A}]\n---\n",
        "b.md": "---\njourney:\n  baseline: c.md\n  touchpoints: [{label: B}]\n---\n",
        "c.md": "---\njourney:\n  baseline: b.md\n  touchpoints: [{label: C}]\n---\n",
        "d.md": "---\njourney:\n  baseline: weg.md\n  touchpoints: [{label: D}]\n---\n",
    }
    make_site(tmp_path, pages)
    result = build(tmp_path, strict=True)
    assert result.returncode != 0
    out = result.output
    assert ("docs/a.md:3: journey.baseline: 'gewoon.md' is not a journey page; "
            "a baseline needs journey front-matter") in out
    assert "docs/b.md:3: journey.baseline: baselines go round in a loop: b.md → c.md → b.md" in out
    assert "docs/c.md:3: journey.baseline: baselines go round in a loop: c.md → b.md → c.md" in out
    assert "docs/d.md:3: journey.baseline: 'weg.md' does not exist (looked for weg.md)" in out
    assert "Traceback" not in out
    result = build(tmp_path, strict=False)
    assert "Deze klantreiskaart bevat fouten" in (tmp_path / "site/b/index.html").read_text()
    # `journeys check` says the same before review (it passed all four), also for one file alone.
    built = [line.split("journeymaps: ", 1)[1] for line in out.splitlines() if "journey.baseline" in line]
    checked = subprocess.run([sys.executable, "-m", "journeymaps.cli", "check", "docs"], cwd=tmp_path,
                             capture_output=True, text=True)
    assert checked.returncode == 1 and sorted(checked.stdout.splitlines()) == sorted(built) and len(built) == 4
    alone = subprocess.run([sys.executable, "-m", "journeymaps.cli", "check", "docs/b.md"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert alone.stdout.splitlines() == [line for line in built if line.startswith("docs/b.md")]


def test_a_redesign_whose_baseline_has_errors_says_why_it_has_no_comparison(tmp_path):
    # Its map was drawn without the comparison, and nothing on the redesign's page said why.
    make_site(tmp_path, {"vandaag.md": NOW.replace("score: 1.5", "score: 9"), "ontwerp.md": DESIGN})
    result = build(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    said = ("docs/ontwerp.md:5: journey.baseline: 'vandaag.md' has errors, reported with that page, so this map "
            "is drawn without the comparison with it")
    built = [line.split("journeymaps: ", 1)[1] for line in result.output.splitlines() if "journeymaps: docs/" in line]
    assert said in built and len(built) == 2  # and the baseline's own error
    assert 'class="jm-curve jm-curve--baseline"' not in (tmp_path / "site/ontwerp/index.html").read_text()
    for files in (["docs"], ["docs/ontwerp.md"]):  # `journeys check` says it too, also of the redesign alone
        checked = subprocess.run([sys.executable, "-m", "journeymaps.cli", "check", *files], cwd=tmp_path,
                                 capture_output=True, text=True)
        assert said in checked.stdout.splitlines() and checked.returncode == 1, checked.stdout + checked.stderr
    make_site(tmp_path, {"vandaag.md": NOW, "ontwerp.md": DESIGN})  # mended: compared, not a word
    assert "has errors" not in build(tmp_path).output


def test_a_redesign_matches_moments_by_id_else_by_label(tmp_path):
    # The format: "Touchpoints are matched by id (a touchpoint may set one), else by label". Keyed by id or
    # label alone, today's moment with an id never met the redesign's moment with its label (one 'new', one
    # 'dropped'), and of a label written twice only the last was compared: the first left the table.
    today = """
    ---
    title: Nu
    journey:
      touchpoints:
        - {label: Bellen, id: bellen, score: 2}
        - {label: Wachten, score: 1}
        - {label: Brief, score: 2}
        - {label: Wachten, score: 1.5}
    ---
    """
    redesign = """
    ---
    journey:
      status: to-be
      baseline: nu.md
      touchpoints:
        - {label: Bellen, score: 4}
        - {label: Wachten, score: 3}
        - {label: Wachten, score: 3}
    ---
    """
    make_site(tmp_path, {"nu.md": today, "straks.md": redesign})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    html = result.html("straks/index.html")
    rows = [" ".join(re.sub(r"<[^>]+>", " ", row).split())
            for row in re.findall(r'<tr class="jm-change[^"]*">(.*?)</tr>', html, re.S)]
    assert rows == ["Bellen 2,0 4,0 +2,0", "Wachten 1,0 3,0 +2,0", "Wachten 1,5 3,0 +1,5", "Brief (vervallen) 2,0"]
