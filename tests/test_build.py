"""Real `mkdocs build` runs of small sites; assertions on the built HTML and SVG."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import pytest

from sites import build, make_site

SVG_NS = "{http://www.w3.org/2000/svg}"

RESTAURANT = """
---
title: Uit eten
journey:
  persona: Stel dat een verjaardag viert
  owner: Bediening
  updated: 2026-11-01
  phases: [Reserveren, Diner, Afrekenen]
  killers:
    - {id: hygiene, label: Onhygiënisch handelen}
  touchpoints:
    - label: Tafel reserveren
      phase: reserveren
      channel: website
      owner: Marketing
      score: 4
      evidence: [{kind: survey, n: 212, date: 2026-09, ref: "https://example.org/onderzoek"}]
    - label: Hoofdgerecht
      id: hoofdgerecht
      phase: Diner
      owner: Keuken
      emotion: happy
      quote: Het beste stuk vis dat ik dit jaar at
      related: betalen.md
    - label: Bekentenis van de ober
      phase: afrekenen
      owner: Bediening
      killer: hygiene
      pain: De avond is verpest
---
# Uit eten

Het verhaal achter de kaart.
"""

PAYMENT = """
---
title: Betalen
journey:
  shape: cycle
  phases: [Rekening, Betalen]
  touchpoints:
    - {label: Rekening vragen, phase: Rekening, score: 2}
    - {label: Pinnen, phase: Betalen, score: 4, evidence: [{kind: assumption}]}
---
Betalen aan tafel.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(
        tmp_path_factory.mktemp("site"),
        {"index.md": "# Home\n\nGewone pagina.\n", "restaurant.md": RESTAURANT, "betalen.md": PAYMENT},
    )
    result = build(root)
    assert result.returncode == 0, result.output
    return result


def test_strict_build_puts_map_headline_and_table_on_the_page(site):
    html = site.html("restaurant/index.html")
    svg = re.search(r'<svg[^>]*class="jm-map.*?</svg>', html, re.S).group(0)
    root = ET.fromstring(svg)  # the inline map is well-formed XML
    # each moment's label links to its row in the table, named with its verdict for screen readers
    assert root.get("role") == "group" and root.get("aria-describedby").endswith("-desc")
    links = root.findall(".//{http://www.w3.org/2000/svg}a")
    assert len(links) == 3
    for link in links:
        row = link.get("{http://www.w3.org/1999/xlink}href")
        assert f'<tr id="{row[1:]}"' in html, row
    assert links[2].get("aria-label") == "3. Bekentenis van de ober: killer: Onhygiënisch handelen"
    # the killer verdict, with the average it would have had (4 and 4.5 -> 4.3 rounded half up)
    assert "Onderuit door: Onhygiënisch handelen" in html
    assert "zonder killer was het een 4,3 geweest" in html
    # facts of the headline
    for text in ("Stel dat een verjaardag viert", "Bediening", "2026-11-01", "Stem van de klant", "33%"):
        assert text in html
    # what the share is of, where it stands (a survey backs one moment of three)
    assert "33% <span class=\"jm-facts__note\">(1 van de 3 momenten onderbouwd met wat klanten zeiden" in html
    # the map sits below the page's own H1 and above the body, the table of moments below it:
    # a story read after the table read as a note to it
    assert html.index("<h1") < html.index("class=\"jm-map") < html.index("Het verhaal achter de kaart")
    assert html.index("Het verhaal achter de kaart") < html.index('<h2 id="jm-moments"')
    assert html.index("Sterkste momenten") < html.index("Het verhaal achter de kaart")
    # every moment in a table with stable anchors; the killer row marked
    assert 'id="hoofdgerecht"' in html and 'id="tp-tafel-reserveren"' in html
    assert 'class="jm-row--killer"' in html
    assert '<a href="https://example.org/onderzoek" rel="noopener noreferrer">' in html


def test_related_journey_links_to_its_page(site):
    html = site.html("restaurant/index.html")
    # in the table, the link names the journey it leads to (two moments' links read alike)
    assert '<a class="jm-related" href="../betalen/">Inzoomen: Betalen&nbsp;→</a>' in html


def test_a_related_page_that_is_no_journey_is_a_warning_and_the_map_is_drawn(tmp_path):
    # The format: `related` is "a journey that zooms into this moment", shown as "Inzoomen"; a link to
    # a page without a journey, or to the moment's own page, passed without a word.
    page = """
    ---
    journey:
      touchpoints:
        - {label: Bellen, score: 2, related: uitleg.md}
        - {label: Wachten, score: 3, related: zoom.md}
        - {label: Terugbellen, score: 4, related: 'reis.md#bellen'}
    ---
    """
    zoom = "---\njourney:\n  touchpoints: [{label: Zoom, score: 3}]\n---\n"
    make_site(tmp_path, {"reis.md": page, "zoom.md": zoom, "uitleg.md": "# Uitleg\n"})
    assert build(tmp_path).returncode == 1  # --strict fails on it
    result = build(tmp_path, strict=False)
    warnings = [line.split("WARNING -  ", 1)[1] for line in result.output.splitlines() if "WARNING" in line]
    assert warnings == [
        "journeymaps: docs/reis.md:4: journey.touchpoints[0].related: 'uitleg.md' is not a journey page; "
        "related names a journey that zooms into this moment",
        "journeymaps: docs/reis.md:6: journey.touchpoints[2].related: 'reis.md#bellen' is this page; "
        "related names another journey, one that zooms into this moment",
    ]
    html = result.html("reis/index.html")  # nothing lost: the map, and the links as written
    assert 'class="jm-map' in html and 'class="jm-related" href="../uitleg/"' in html


def test_standalone_svg_is_written_next_to_the_page_with_a_download_link(site):
    assert re.search(r'href="restaurant\.svg\?v=[0-9a-f]{16}" download', site.html("restaurant/index.html"))
    root = ET.fromstring(site.html("restaurant/restaurant.svg"))
    assert root.tag == SVG_NS + "svg"
    assert root.find(SVG_NS + "title").text == "Uit eten"
    assert root.find(SVG_NS + "style") is not None  # it carries its own CSS when opened alone


def test_cycle_page_renders(site):
    html = site.html("betalen/index.html")
    assert "<svg" in html and "Contactpuntenanalyse" in html  # only an assumption: no customer voice


def test_plain_pages_are_untouched(site):
    html = site.html("index.html")
    assert "<svg" not in html.split('class="md-content"')[1].split("</article>")[0] or "jm-" not in html
    assert "jm-journey" not in html


def test_search_indexes_the_table_not_the_svg(site):
    index = json.loads(site.html("search/search_index.json"))
    texts = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("restaurant/"))
    assert "Het beste stuk vis dat ik dit jaar at" in texts  # a quote is findable
    assert "Tijdlijn van 3 momenten" in site.html("restaurant/index.html")  # the SVG's description...
    assert "Tijdlijn van 3 momenten" not in texts  # ...is kept out of the index
    # Search reads the text of the table: each cell a word of its own (they ran together when
    # it read the table's HTML), each moment a section of its own, found at its row, titled with its
    # number and label, without the page's tags (Material gives each section them: twenty moments
    # repeated twenty tags), and the table's own headings in none.
    assert {"website", "Marketing", "Reserveren", "Keuken"} <= set(texts.split())
    html = site.html("restaurant/index.html")
    rows = re.findall(r'<tr id="([^"]+)"', html)
    sections = [doc for doc in index["docs"] if doc["location"].startswith("restaurant/#")]
    assert [doc["location"] for doc in sections] == [f"restaurant/#{row}" for row in rows] and len(rows) == 3
    fish = next(doc for doc in sections if "Het beste stuk vis dat ik dit jaar at" in doc["text"])
    assert re.fullmatch(r"\d\. \S.*", fish["title"]) and fish["title"] not in fish["text"], fish
    assert all("tags" not in doc for doc in sections)
    assert [doc.get("tags") for doc in index["docs"] if doc["location"] == "restaurant/"][0]  # the page keeps them
    assert '<th scope="col" role="columnheader">Beleving</th>' in html  # the table's heading row...
    assert "Beleving" not in texts.split()  # ...is no text to search
    assert not any(doc["title"] == "Alle momenten" for doc in index["docs"])
    # the page's own text is in the page's own section, with the map's verdict, not the table's
    story = [doc for doc in index["docs"] if "Het verhaal achter de kaart" in doc["text"]]
    assert [doc["location"] for doc in story] == ["restaurant/"], story  # the page itself
    assert "Onderuit door" in story[0]["text"]


def test_the_page_keeps_its_full_html_after_search_read_the_text(site):
    html = site.html("restaurant/index.html")
    assert "<!--jm-" not in html and "<jm-figure-slot>" not in html  # no mark is left
    table = '<table class="jm-table jm-stacked" role="table">'
    assert html.count(table) == 1 and html.count('<figure class="jm-figure"') == 1
    assert html.index('class="jm-verdict') < html.index('<figure class="jm-figure"') < html.index(table)
    assert ('<td data-label="Kanaal" role="cell">website</td><td data-label="Eigenaar" role="cell">'
            '<a class="jm-department" href="../owners/marketing/">Marketing</a></td>') in html


def test_css_is_generated_and_linked(site):
    assert site.exists("assets/journeymaps/journeys.css")
    assert "assets/journeymaps/journeys.css" in site.html("restaurant/index.html")


BROKEN = """
---
title: Kapot
journey:
  touchpoints:
    - label: A
      emotion: hapy
---
Tekst van de kapotte pagina.
"""


def test_strict_build_fails_on_a_journey_error_with_a_one_line_message(tmp_path):
    make_site(tmp_path, {"index.md": "# Home\n", "kapot.md": BROKEN})
    result = build(tmp_path, strict=True)
    assert result.returncode != 0
    assert (
        "docs/kapot.md:6: journey.touchpoints[0].emotion: 'hapy' is not one of angry, disappointed, indifferent, "
        "happy (did you mean 'happy'?)" in result.output
    )
    assert "Traceback" not in result.output


def test_plain_build_shows_errors_in_place_of_the_map_and_builds_every_page(tmp_path):
    make_site(tmp_path, {"index.md": "# Home\n", "kapot.md": BROKEN, "goed.md": PAYMENT})
    result = build(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    html = result.root.joinpath("site/kapot/index.html").read_text()
    assert "Deze klantreiskaart bevat fouten" in html and "journey.touchpoints[0].emotion" in html
    assert "<svg" not in html.split("jm-errors")[1].split("</article>")[0]
    assert "Tekst van de kapotte pagina" in html
    assert "<svg" in result.root.joinpath("site/goed/index.html").read_text()


def test_yaml_that_does_not_parse_is_reported_not_hidden(tmp_path):
    make_site(tmp_path, {"kapot.md": "---\ntitle: [oops\njourney:\n  touchpoints: []\n---\nTekst.\n"})
    result = build(tmp_path, strict=True)
    assert result.returncode != 0
    assert "docs/kapot.md:2: front-matter: YAML does not parse" in result.output  # the line of the [ never closed


def test_labels_follow_the_site_language(tmp_path):
    make_site(tmp_path, {"restaurant.md": RESTAURANT, "betalen.md": PAYMENT}, language="en")
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    html = result.root.joinpath("site/restaurant/index.html").read_text()
    assert "Killed by: Onhygiënisch handelen" in html and "without the killer it would have scored 4.3" in html
    assert "Customer voice" in html and "Stem van de klant" not in html
    catalogue = result.root.joinpath("site/journeys/index.html").read_text()
    assert "(the number beside a choice counts all 2 journeys)" in catalogue


def test_site_wide_killers_and_colours_from_the_configuration(tmp_path):
    page = """
    ---
    journey:
      touchpoints:
        - {label: Brief naar verkeerd adres, killer: datalek, owner: Post}
        - {label: Balie, emotion: happy, owner: Burgerzaken}
    ---
    """
    options = """
    killers:
      - {id: datalek, label: Datalek}
    colors:
      set: viridis
      happy: "rgb(255 238 88)"
    """
    make_site(tmp_path, {"brief.md": page}, plugin_options=options)
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    html = result.root.joinpath("site/brief/index.html").read_text()
    assert "Onderuit door: Datalek" in html
    css = result.root.joinpath("site/assets/journeymaps/journeys.css").read_text()
    # the set's colour, and the override written as the hex it means
    assert "--jm-angry: #440154;" in css and "--jm-happy: #ffee58;" in css
    # and the ink of each face's features: white on dark purple, dark on light yellow
    assert "--jm-angry-ink: #ffffff;" in css and "--jm-happy-ink: #1b1b1f;" in css
    # the overview's heat map draws its faces in the site's colours too
    overview = result.root.joinpath("site/overview/index.html").read_text()
    face = re.search(r'<symbol[^>]*class="jm-face jm-face--happy".*?</symbol>', overview, re.S).group(0)
    assert 'fill="#ffee58"' in face and 'stroke="#1b1b1f"' in face, face


def test_face_colours_too_close_in_lightness_fail_a_strict_build(tmp_path):
    page = "---\njourney:\n  touchpoints:\n    - {label: Balie, emotion: happy}\n---\n"
    make_site(tmp_path, {"balie.md": page}, plugin_options='colors:\n  happy: "#0057b8"')
    result = build(tmp_path)
    assert result.returncode != 0
    assert "colors: angry and happy differ by only 1 in lightness for anyone (at least 10 reads)" in result.output
    assert "Traceback" not in result.output
    # `journeys check` stops at it too, at the line of the colours
    checked = subprocess.run([sys.executable, "-m", "journeymaps.cli", "check"], cwd=tmp_path, capture_output=True,
                             text=True)
    clashes = re.findall(r"journeymaps: colors: (.*)$", result.output, re.M)
    assert checked.returncode == 1 and len(clashes) == 3, checked.stdout + checked.stderr
    assert re.findall(r"^mkdocs\.yml:11: plugins\.journeys\.colors: (.*)$", checked.stdout, re.M) == clashes
    # the colour is used all the same: the site's own choice, with a warning
    result = build(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    assert 'fill="#0057b8"' in result.root.joinpath("site/balie/index.html").read_text()


def test_a_colour_that_is_not_css_stops_the_build_with_a_clear_message(tmp_path):
    make_site(tmp_path, {"index.md": "# Home\n"}, plugin_options='colors:\n  happy: "red;} body {display:none"')
    result = build(tmp_path)
    assert result.returncode != 0
    assert "option 'colors': happy: 'red;} body {display:none' is not a CSS colour" in result.output
    assert "Traceback" not in result.output


def test_untrusted_text_never_becomes_markup(tmp_path):
    page = """
    ---
    title: "<script>alert('t')</script>"
    journey:
      persona: "<img src=x onerror=alert(1)>"
      owner: "{{ 7*7 }}"
      touchpoints:
        - label: "</text><script>alert(2)</script>"
          quote: "\\"><svg onload=alert(3)>"
          evidence: [{kind: survey, ref: "https://x.test/\\"><script>alert(4)</script>"}]
    ---
    """
    make_site(tmp_path, {"evil.md": page})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    for path in ("evil/index.html", "evil/evil.svg"):
        text = result.root.joinpath("site", path).read_text()
        assert "<script>alert" not in text
        assert "<img src=x" not in text and "<svg onload" not in text
    html = result.root.joinpath("site/evil/index.html").read_text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{{ 7*7 }}" in html and ">49<" not in html


def test_a_page_that_is_not_utf8_is_reported_and_every_page_still_builds(tmp_path):
    make_site(tmp_path, {"index.md": "# Home\n", "goed.md": PAYMENT})
    (tmp_path / "docs/kapot.md").write_bytes(b"---\njourney:\n  persona: caf\xe9\n  touchpoints: [{label: A}]\n"
                                             b"---\nTekst.\n")
    result = build(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    assert "docs/kapot.md:3: file: is not UTF-8 text (byte 0xe9); save the file as UTF-8" in result.output
    assert "Traceback" not in result.output
    assert "Deze klantreiskaart bevat fouten" in (tmp_path / "site/kapot/index.html").read_text()
    assert (tmp_path / "site/goed/index.html").exists()


def test_front_matter_cannot_stand_in_for_the_plugins_markers_or_become_markup(tmp_path):
    page = RESTAURANT.replace("title: Uit eten",
                              'title: Uit eten\ndescription: "<!--jm-search--> <!--jm-search-0--> <b>vet</b> & co"')
    result = build(make_site(tmp_path, {"index.md": "# Home\n", "restaurant.md": page, "betalen.md": PAYMENT}))
    assert result.returncode == 0, result.output
    html = result.html("restaurant/index.html")
    assert html.count('<table class="jm-table jm-stacked"') == 1 and 'class="md-header' in html and "<h1" in html
    assert ('<meta name="description" content="&lt;!--jm-search--&gt; &lt;!--jm-search-0--&gt; '
            '&lt;b&gt;vet&lt;/b&gt; &amp; co">') in html


def test_a_long_first_build_says_how_far_it_is(tmp_path):
    from journeymaps.build import PROGRESS_FROM

    journey = ("---\njourney:\n  touchpoints:\n    - {{label: Stap {n}, score: 3}}\n"
               "    - {{label: Klaar, score: 4}}\n---\n")
    total = PROGRESS_FROM + 5  # not a multiple of ten
    pages = {"index.md": "# Thuis\n", **{f"reis-{n}.md": journey.format(n=n) for n in range(total)}}
    root = make_site(tmp_path, pages)
    first = build(root, strict=False)
    assert first.returncode == 0, first.output
    said = re.findall(r"journeymaps: made ([\d,]+) of ([\d,]+) journey pages", first.output)
    # At the first page of each tenth: 21, 41, 62, ... 205.
    assert said == [(str(-(-k * total // 10)), str(total)) for k in range(1, 11)], first.output
    again = build(root, strict=False)  # nothing to make: nothing to say
    assert again.returncode == 0 and not re.search(r"made [\d,]+ of", again.output), again.output


def test_a_build_sets_what_lives_through_it_aside_from_the_garbage_collector_and_gives_it_back(tmp_path):
    # Frozen while pages are made (full collections skip them); nothing stays
    # frozen after a build, nor after a build that fails, so `mkdocs serve`
    # frees what each build leaves behind.
    import os
    import subprocess
    import sys

    root = make_site(tmp_path, {"index.md": "# Thuis\n", "betalen.md": PAYMENT},
                     extra="hooks: [probe.py]\n")
    (root / "probe.py").write_text(
        "import gc, os\n"
        "def on_page_content(html, page, config, files):\n"
        "    print('frozen while making', page.file.src_uri, gc.get_freeze_count() > 0)\n"
        "    if os.environ.get('FAIL_ON') == page.file.src_uri:\n"
        "        raise ValueError('a plugin fails')\n", encoding="utf-8")
    probe = ("import gc\nfrom mkdocs.__main__ import cli\ntry:\n    cli(['build', '-q'])\n"
             "except BaseException:\n    pass\n"
             "print('frozen after the build', gc.get_freeze_count())\n")
    for fail_on in ("", "index.md"):
        done = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "FAIL_ON": fail_on})
        said = done.stdout.splitlines()
        assert "frozen while making betalen.md True" in said or fail_on, done.stdout + done.stderr
        assert "frozen while making index.md True" in said, done.stdout + done.stderr
        assert said[-1] == "frozen after the build 0", done.stdout + done.stderr
        assert ("a plugin fails" in done.stderr) == bool(fail_on), done.stderr


def test_builds_again_in_one_process_free_what_earlier_builds_left(tmp_path):
    # `mkdocs serve` builds again in the same process. What a build leaves
    # behind is garbage once it has ended; set aside with the next build's
    # objects, it would never be freed, and serve would grow with every save.
    import os
    import subprocess
    import sys

    root = make_site(tmp_path, {"index.md": "# Thuis\n", "betalen.md": PAYMENT, "restaurant.md": RESTAURANT},
                     extra="hooks: [probe.py]\n")
    (root / "probe.py").write_text("import gc\ndef on_nav(nav, config, files):\n"
                                   "    print('frozen', gc.get_freeze_count())\n",
                                   encoding="utf-8")
    loop = ("from mkdocs.commands.build import build\nfrom mkdocs.config import load_config\n"
            "for _ in range(7):\n    build(load_config('mkdocs.yml'))\n")
    done = subprocess.run([sys.executable, "-c", loop], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    frozen = [int(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("frozen ")]
    assert len(frozen) == 7, done.stdout + done.stderr
    assert frozen[-1] - frozen[2] < 200, frozen  # without collecting first: about 1,400 more each build


def test_journeys_whose_paths_share_a_slug_keep_their_own_kiosk_pictures(tmp_path):
    # x/y.md, x-y.md and x_y.md, and two names in another script, were one
    # picture and one id on the kiosk: every one showed the first's map.
    names = ["x/y", "x-y", "x_y", "ключ", "путь"]
    pages = {f"{name}.md": f"---\ntitle: Reis {n}\njourney:\n"
                           f"  touchpoints: [{{label: Moment {n}, score: {n % 5 + 1}}}]\n---\n"
             for n, name in enumerate(names)}
    make_site(tmp_path, pages)
    assert build(tmp_path).returncode == 0
    maps = json.loads((tmp_path / "site/kiosk/playlist.json").read_text(encoding="utf-8"))["maps"]
    assert len({m["id"] for m in maps}) == len({m["svg"] for m in maps}) == len(names)
    pictures = {(tmp_path / "site/kiosk" / m["svg"]).read_text(encoding="utf-8") for m in maps}
    assert len(pictures) == len(names)  # scored 1 to 5: five different pictures
    # the ids are the paths as before, numbered only where two meet
    assert {m["id"] for m in maps} == {"x-y", "x-y-2", "x_y", "ключ", "путь"}
    assert {m["svg"] for m in maps} == {f"maps/{n}.svg" for n in ("x-y", "x-y-2", "x-y-3", "journey", "journey-2")}


def test_a_journey_page_turning_broken_leaves_the_other_journeys_their_kiosk_ids(tmp_path):
    # The kiosk named valid pages only: when x-y.md broke, x/y.md's map took
    # its id 'x-y' (it was 'x-y-2'), so a screen pinned to x-y.md showed
    # another journey, and the screen pinned to x/y.md said nothing matched it.
    journey = "---\ntitle: {title}\njourney:\n  touchpoints: [{{label: Moment, {feeling}}}]\n---\n"
    make_site(tmp_path, {"x/y.md": journey.format(title="Schuin", feeling="score: 2"),
                         "x-y.md": journey.format(title="Streep", feeling="score: 4")})
    assert build(tmp_path).returncode == 0

    def kiosk() -> dict:
        return json.loads((tmp_path / "site/kiosk/playlist.json").read_text(encoding="utf-8"))

    def shown() -> dict:
        return {m["title"]: (m["id"], m["svg"]) for m in kiosk()["maps"]}

    assert shown() == {"Schuin": ("x-y-2", "maps/x-y-2.svg"), "Streep": ("x-y", "maps/x-y.svg")}
    (tmp_path / "docs/x-y.md").write_text(journey.format(title="Streep", feeling="emotion: hapy"), encoding="utf-8")
    assert build(tmp_path, strict=False).returncode == 0
    assert shown() == {"Schuin": ("x-y-2", "maps/x-y-2.svg")}
    assert kiosk()["broken"] == ["x-y"]


def test_a_journey_page_without_sections_gives_the_map_the_table_of_contents_column(tmp_path):
    # Its table of contents was an empty column 242 pixels wide beside a map cut off at the right.
    journey = "---\ntitle: {title}\njourney:\n  touchpoints: [{{label: A, score: 3}}]\n---\n\n{body}\n"
    pages = {"kaal.md": journey.format(title="Kaal", body="Tekst."),
             "delen.md": journey.format(title="Delen", body="## Achtergrond\n\nTekst."),
             "eigen.md": "---\nhide: [navigation]\n" + journey.format(title="Eigen", body="Tekst.")[4:]}
    make_site(tmp_path, pages)
    done = build(tmp_path)
    assert done.returncode == 0, done.output
    sidebar = re.compile(r'<div class="md-sidebar md-sidebar--secondary"[^>]*data-md-type="toc"\s*(hidden)?\s*>')
    assert sidebar.search(done.html("kaal/index.html")).group(1) == "hidden"
    assert sidebar.search(done.html("delen/index.html")).group(1) is None  # its section is listed there
    eigen = done.html("eigen/index.html")
    assert sidebar.search(eigen).group(1) == "hidden" and 'class="md-sidebar md-sidebar--primary"' in eigen
    assert re.search(r'md-sidebar--primary"[^>]*hidden', eigen)  # the page's own choice kept


def test_the_title_the_plugin_writes_has_an_id_of_its_own(tmp_path):
    # The H1 a page without one gets (for Material's skip link) is 'jm-title', unless a moment's row has that id.
    journey = "---\ntitle: Reis\njourney:\n  touchpoints: [{id: jm-title, label: A, score: 3}]\n---\n\nTekst.\n"
    make_site(tmp_path, {"reis.md": journey})
    done = build(tmp_path)
    assert done.returncode == 0, done.output
    page = done.html("reis/index.html")
    assert '<h1 id="jm-title_1">Reis</h1>' in page and 'class="md-skip"' in page and 'href="#jm-title_1"' in page
    assert len(re.findall(r'\bid="jm-title"', page)) == 1  # the moment's row keeps its anchor


def test_a_title_from_a_file_name_with_an_ampersand_is_escaped_once(tmp_path):
    # Escaped for its '<' and '>', it was escaped a second time in Material's footer: 'Vragen &amp;amp; antwoorden'.
    make_site(tmp_path, {"index.md": "# Start\n", "vragen & antwoorden.md": "Tekst zonder kop.\n"},
              extra="theme:\n  name: material\n  language: nl\n  font: false\n  features: [navigation.footer]\n")
    done = build(tmp_path)
    assert done.returncode == 0, done.output
    assert 'aria-label="Volgende: Vragen &amp; antwoorden"' in done.html("index.html")


def test_a_moments_anchor_is_its_own_and_links_to_it_are_known(tmp_path):
    # A heading named as a moment's id had the same id as the moment's row:
    # the table of contents' link jumped to the row. And MkDocs did not know
    # the rows' anchors, so `validation: anchors: warn` failed a link to one.
    journey = """\
        ---
        title: Aanvraag
        journey:
          touchpoints:
            - {id: aanvraag, label: Formulier, score: 2}
            - {label: Wachten, score: 4}
        ---

        ## Aanvraag

        Zie [het wachten](#tp-wachten) en [de rij](#aanvraag).

        ## Aanvraag

        Nog een kop met dezelfde naam.
        """
    make_site(tmp_path, {"index.md": "Zie [de aanvraag](reis.md#aanvraag) en [de tabel](reis.md#jm-moments).\n",
                         "reis.md": journey},
              extra="validation:\n  anchors: warn\nmarkdown_extensions:\n  - toc:\n      permalink: true\n")
    done = build(tmp_path)
    assert done.returncode == 0, done.output
    html = done.html("reis/index.html")
    ids = re.findall(r'\bid="([^"]+)"', html)
    # the format's promise: the id is the moment's
    assert ids.count("aanvraag") == 1 and re.search(r'<tr id="aanvraag"', html)
    # The first heading got the next free id, as a second heading of one name
    # does (the second has aanvraag_1), and its permalink and entry in the table of contents follow.
    assert re.findall(r'<h2 id="(aanvraag_\d+)"', html) == ["aanvraag_2", "aanvraag_1"]
    assert re.findall(r'href="#(aanvraag[_\d]*)"[^>]*title="', html) == ["aanvraag_2", "aanvraag_1"]  # permalinks
    toc = re.findall(r'href="#(aanvraag[_\d]*)" class="md-nav__link"', html)
    assert toc == ["aanvraag_2", "aanvraag_1"]


ENGLISH = """\
    ---
    title: Registering <as> a resident
    lang: en
    journey:
      phases: ten-phases
      touchpoints:
        - {label: Reads the page, phase: orientation, score: 4, owner: Communicatie}
        - {label: Waits three weeks, phase: purchase, score: 1.5, channel: e-mail}
    ---

    We utilize every touchpoint.
    """


def test_a_page_in_another_language_has_its_labels_and_is_marked_so(tmp_path):
    # In a Dutch site, an English journey's map, verdict and table were
    # labelled in Dutch, the page read as Dutch by a screen reader's voice,
    # and its text was held to the Dutch word list.
    make_site(tmp_path, {"index.md": "# Start\n", "visit.md": ENGLISH,
                         "wrong.md": ENGLISH.replace("lang: en", "lang: Engels")})
    done = build(tmp_path, strict=False)
    assert done.returncode == 0, done.output
    assert re.findall(r"journeymaps: docs/wrong\.md:\d+: lang: .*", done.output) == [
        "journeymaps: docs/wrong.md:3: lang: the text 'Engels' is not a language tag; "
        "write one such as en, nl or en-GB"]
    page = done.html("visit/index.html")
    assert '<html lang="nl"' in page  # the site around it stays Dutch
    # its title with it, escaped, and first: in the wrapper too, search listed the page twice, once empty
    title, _, content = page.partition('<div class="jm-lang" lang="en">')
    assert title.endswith('<h1 id="jm-title" lang="en">Registering &lt;as&gt; a resident</h1>')
    index = json.loads(done.html("search/search_index.json"))["docs"]
    assert [(d["location"], d["title"]) for d in index if d["location"].split("#")[0] == "visit/"][:1] == \
        [("visit/", "Registering &lt;as&gt; a resident")]
    assert not any(d["location"] == "visit/#jm-title" for d in index)
    # On the site's lists its words are marked with its language too (the lists' own words are not).
    catalogue = done.html("journeys/index.html")
    assert re.search(r'<a class="jm-card__title" href="[^"]+" lang="en">Registering &lt;as&gt; a resident</a>',
                     catalogue)
    assert '<h1 id="jm-title">Klantreizen</h1>' in catalogue
    department = done.html("owners/communicatie/index.html")
    assert re.search(r'<a href="[^"]+#[^"]+" lang="en">Reads the page</a>', department), department
    assert "Experience" in content and "Beleving" not in content and "Orientation" in content
    assert "2.8" in content and "2,8" not in content  # the journey's score, written as English writes it
    hints = re.findall(r"journeymaps: docs/visit\.md:\d+: body: plain language: .*", done.output)
    assert hints == ["journeymaps: docs/visit.md:11: body: plain language: 'utilize'; try 'use'",
                     "journeymaps: docs/visit.md:11: body: plain language: 'touchpoint'; "
                     "try 'moment'"]  # not 'contactmoment'
    assert "Deze klantreiskaart bevat fouten" in done.html("wrong/index.html")  # in the site's language
    # Its language is part of what its map is made of: taken off, the map is Dutch again.
    (tmp_path / "docs/visit.md").write_text(textwrap.dedent(ENGLISH).replace("lang: en\n", ""), encoding="utf-8")
    again = build(tmp_path, strict=False)
    assert 'lang="en"' not in again.html("visit/index.html") and "Beleving" in again.html("visit/index.html")


def test_scores_are_worked_out_from_the_numbers_as_written(tmp_path):
    # In binary floats, weights 0.1, 0.2 and 0.3 on three scores of 3 made 2.9999999999999996, drawn as
    # 'disappointed' though every score is in the band [3, 4); and the mean of 1.2 and 1.9 (1.55) was 1,5.
    weighted = """
    ---
    journey:
      values: [{id: a, label: A, weight: 0.1}, {id: b, label: B, weight: 0.2}, {id: c, label: C, weight: 0.3}]
      touchpoints:
        - {label: Een, scores: {a: 3, b: 3, c: 3}}
    ---
    """
    mean = "---\njourney:\n  touchpoints:\n    - {label: Een, score: 1.2}\n    - {label: Twee, score: 1.9}\n---\n"
    # A journey of one moment scored 3.25 said 'Score van de reis 3,3' beside a moment of 3,2 ('{:.1f}' rounds
    # halves to even, in binary), while a moment's 2.45 showed as 2,5.
    one = "---\njourney:\n  touchpoints:\n    - {label: Een, score: 3.25}\n---\n"
    make_site(tmp_path, {"gewogen.md": weighted, "gemiddeld.md": mean, "een.md": one})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    assert 'aria-label="1. Een: neutraal (3,0), geen bewijs van klanten"' in result.html("gewogen/index.html")
    assert '<strong class="jm-verdict__score">1,6</strong>' in result.html("gemiddeld/index.html")
    html = result.html("een/index.html")
    assert '<strong class="jm-verdict__score">3,3</strong>' in html
    assert 'aria-label="1. Een: neutraal (3,3), geen bewijs van klanten"' in html


@pytest.mark.parametrize("language, unheard", [("nl", "geen bewijs van klanten"), ("en", "no evidence from customers")])
def test_a_score_no_customer_gave_reads_as_a_guess_wherever_its_moment_is_listed(tmp_path, language, unheard):
    # The map rings such a face; the phone's list, the table of moments (its evidence cell was empty), the strong
    # and weak moments and a department's page showed it as a measured one.
    page = """
    ---
    title: Verhuizen
    journey:
      owner: Balie
      killers: [{id: k, label: Kwijt}]
      touchpoints:
        - {label: Gemeten, id: gemeten, score: 4.5, evidence: [{kind: survey, n: 40}]}
        - {label: Aangenomen, id: aangenomen, score: 4, evidence: [{kind: assumption}]}
        - {label: Zonder bewijs, id: zonder, score: 1.5}
        - {label: Onbekend, id: onbekend}
        - {label: Verloren, id: verloren, killer: k}
    ---
    """
    make_site(tmp_path, {"verhuizen.md": page}, language=language)
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    html = result.html("verhuizen/index.html")
    guessed = {"aangenomen", "zonder"}  # the rated faces without customer evidence: ringed on the map

    def row(anchor: str) -> list[str]:
        return re.findall(r"<td[^>]*>(.*?)</td>", re.search(rf'<tr id="{anchor}".*?</tr>', html, re.S).group(0), re.S)

    def text(markup: str) -> str:
        return " ".join(re.sub(r"<[^>]+>", " ", markup).split())

    for anchor in ("gemeten", "aangenomen", "zonder", "onbekend", "verloren"):
        experience, *_, evidence = row(anchor)
        # the table: the face in the map's dotted ring; the evidence cell says in words what the ring means,
        # of every moment no customer backs (an unrated one and a killer have no face to ring)
        assert ('class="jm-unheard"' in experience) == (anchor in guessed), (anchor, experience)
        assert text(evidence).endswith(unheard) == (anchor != "gemeten"), (anchor, evidence)
        # the phone's list: the map's face in its ring, and the verdict in words
        step = re.search(rf'<li class="jm-step"(?:(?!</li>).)*href="#{anchor}".*?</li>', html, re.S).group(0)
        assert ('class="jm-unheard"' in step) == (anchor in guessed), (anchor, step)
        assert (unheard in text(step)) == (anchor in guessed), (anchor, step)
    assert text(row("aangenomen")[-1]).startswith({"nl": "aanname", "en": "assumption"}[language])
    # strong and weak moments
    points = {a: text(item) for a, item in re.findall(r'<li><a href="#(\w+)">(.*?)</li>', html, re.S)}
    assert set(points) == {"gemeten", "aangenomen", "zonder", "verloren"}, points
    assert {a for a, item in points.items() if unheard in item} == guessed, points
    # a department's page, which has no evidence column: the ring and the words beside the experience
    department = result.html("owners/balie/index.html").split("<tbody")[1]
    rows = {a: cells for a, cells in re.findall(r'href="[^"]*#(\w+)">.*?</th>(.*?)</tr>', department, re.S)}
    assert {a for a, cells in rows.items() if 'class="jm-unheard"' in cells} == guessed, rows
    assert {a for a, cells in rows.items() if unheard in cells} == guessed, rows


def test_strong_and_weak_moments_say_who_owns_them(tmp_path):
    # A manager reading the weakest moments beside the map had to find each one's owner in the table below.
    page = """
    ---
    journey:
      owner: Balie
      touchpoints:
        - {label: Afspraak, id: afspraak, score: 4.5}
        - {label: Wachten, id: wachten, score: 1.5, owner: Klantcontact}
    ---
    """
    make_site(tmp_path, {"verhuizen.md": page})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    html = result.html("verhuizen/index.html")
    points = dict(re.findall(r'<li><a href="#(\w+)">.*?<span class="jm-points__score">(.*?)</span></li>', html, re.S))
    # a moment's own owner, else its journey's, each linked to its department's page
    assert re.search(r'· <a class="jm-department" href="[./]*owners/klantcontact/">Klantcontact</a>$',
                     points["wachten"].strip()), points
    assert re.search(r'· <a class="jm-department" href="[./]*owners/balie/">Balie</a>$',
                     points["afspraak"].strip()), points
    # So do the table and the map's lane of owners: a moment without an owner of its own is its journey
    # owner's, whose department page lists it (the cell was empty).
    row = re.search(r'<tr id="afspraak".*?</tr>', html, re.S).group(0)
    assert re.search(r'<td data-label="Eigenaar" role="cell"><a class="jm-department" href="[^"]*">Balie</a></td>', row)
    lane = re.search(r'<g class="jm-lane jm-lane--owner"[^>]*>(.*?)</g>', html, re.S).group(1)
    assert re.findall(r"<text[^>]*>([^<]+)</text>", lane) == ["Balie", "Klantcontact"], lane


def test_related_and_baseline_are_read_as_markdown_links_read_them(tmp_path):
    # The format: a path "relative to this page as in a Markdown link", where a space is written %20.
    # 'mijn%20reis.md' was "does not exist (looked for mijn%20reis.md)".
    today = "---\ntitle: Mijn reis\njourney:\n  touchpoints:\n    - {label: Bellen, score: 2}\n---\n"
    redesign = """
    ---
    journey:
      status: to-be
      baseline: mijn%20reis.md
      touchpoints:
        - {label: Bellen, score: 4, related: mijn%20reis.md}
    ---
    """
    make_site(tmp_path, {"mijn reis.md": today, "straks.md": redesign})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    html = result.html("straks/index.html")
    assert 'class="jm-related" href="../mijn%20reis/"' in html  # the moment zooms in
    assert 'Vergeleken met <a href="../mijn%20reis/">Mijn reis</a>' in html  # the comparison


def test_a_related_link_keeps_its_anchor_as_a_markdown_link_does(tmp_path):
    # 'zoom.md#ophalen' linked to the top of zoom.md: the anchor, a moment's id, was dropped.
    zoom = "---\ntitle: Zoom\njourney:\n  touchpoints:\n    - {label: Ophalen, id: ophalen, score: 2}\n---\n"
    page = "---\njourney:\n  touchpoints:\n    - {label: Afspraak, score: 4, related: 'zoom.md#ophalen'}\n---\n"
    block = "# Home\n\n```journey\npage: reis.md\n```\n"
    make_site(tmp_path, {"zoom.md": zoom, "reis.md": page, "index.md": block},
              extra="markdown_extensions: [journeys]\n")
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    assert 'class="jm-related" href="../zoom/#ophalen"' in result.html("reis/index.html")
    assert 'xlink:href="zoom/#ophalen"' in result.html("index.html")  # the map in another page links there too


def test_a_moments_id_is_its_anchor_whatever_the_other_moments_labels(tmp_path):
    # The format: id is "the touchpoint's anchor on its page". A moment labelled 'Bellen', without an id,
    # took 'tp-bellen', and the moment with that id became #tp-bellen-2.
    page = ("---\njourney:\n  touchpoints:\n    - {label: Bellen, score: 2}\n"
            "    - {label: Mailen, id: tp-bellen, score: 3}\n---\n")
    make_site(tmp_path, {"reis.md": page})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    row = re.search(r'<tr id="tp-bellen"[^>]*>(.*?)</tr>', result.html("reis/index.html"), re.S).group(1)
    assert "Mailen" in row


def test_an_evidence_ref_that_names_a_file_of_the_site_links_to_it(tmp_path):
    # The format allows a relative link as a ref, but the page showed it as text.
    journey = """\
        ---
        journey:
          touchpoints:
            - label: Belt
              score: 2
              evidence:
                - {kind: survey, ref: ../rapporten/enquete%202026.pdf}
                - {kind: interview, ref: "../uitleg.md#gesprekken"}
                - {kind: complaints, ref: Klachtenregistratie 2026}
                - {kind: analytics, ref: ../rapporten/weg.pdf}
                - {kind: observation, ref: "https://example.org/onderzoek"}
        ---
        """
    make_site(tmp_path, {"reizen/bellen.md": journey, "uitleg.md": "# Uitleg\n\n## Gesprekken\n"})
    (tmp_path / "docs/rapporten").mkdir()
    (tmp_path / "docs/rapporten/enquete 2026.pdf").write_bytes(b"%PDF-1.4\n")
    done = build(tmp_path)
    assert done.returncode == 0, done.output
    cell = done.html("reizen/bellen/index.html").split('<tr id="tp-belt"', 1)[1].split("</tr>", 1)[0]
    links = re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', cell)
    assert links == [("../../rapporten/enquete%202026.pdf", "../rapporten/enquete%202026.pdf"),
                     ("../../uitleg/#gesprekken", "../uitleg.md#gesprekken"),
                     ("https://example.org/onderzoek", "https://example.org/onderzoek")]
    # a citation, and a file the site has not: text
    assert "Klachtenregistratie 2026" in cell and "../rapporten/weg.pdf" in cell
    # each kind in the site's language ('analytics' stood in English among 'enquête' and 'klachten')
    kinds = re.findall(r'<span class="jm-evidence">([^<,]+)', cell)
    assert kinds == ["enquête", "interviews", "klachten", "data-analyse", "observatie"], kinds


@pytest.mark.parametrize("language, site_url, heading, link", [
    ("nl", "", "Pagina niet gevonden", '<a href="/journeys/">Klantreizen</a>'),
    ("en", "https://intranet.example/cx/", "Page not found", '<a href="/cx/journeys/">Journeys</a>'),
])
def test_the_404_page_is_in_the_sites_language_and_leads_to_every_journey(tmp_path, language, site_url, heading, link):
    # Material's says '404 - Not found' in English; a renamed journey's old address ends there.
    root = make_site(tmp_path, {"a.md": "---\njourney:\n  touchpoints:\n    - {label: Een}\n---\n"},
                     language=language, extra=f"site_url: {site_url}\n" if site_url else "")
    assert build(root).returncode == 0
    page = (root / "site" / "404.html").read_text(encoding="utf-8")
    assert f"<h1>{heading}</h1>" in page and link in page and "404 - Not found" not in page


def test_a_maps_download_and_thumbnail_are_named_by_their_content(tmp_path):
    # The files keep their names from build to build; a browser showed the copy
    # it held fresh (without Cache-Control, for a tenth of its age) after a new build.
    page = "---\ntitle: Reis\njourney:\n  touchpoints:\n    - {label: Een, score: SCORE}\n---\nVerhaal.\n"
    root = make_site(tmp_path, {"reis.md": page.replace("SCORE", "2")})

    def addresses() -> tuple[str, str]:
        assert build(root).returncode == 0
        download = re.search(r'href="(reis\.svg\?v=[0-9a-f]+)" download', (root / "site/reis/index.html").read_text())
        thumbnail = re.search(r'<img src="(\.\./reis/reis\.svg\?v=[0-9a-f]+)"',
                              (root / "site/journeys/index.html").read_text())
        assert download and thumbnail and download[1].split("?")[1] == thumbnail[1].split("?")[1]
        return download[1], thumbnail[1]
    first = addresses()
    (root / "docs/reis.md").write_text(page.replace("SCORE", "2").replace("Verhaal.", "Ander verhaal."))
    assert addresses() == first  # the map is the same: so is its address
    (root / "docs/reis.md").write_text(page.replace("SCORE", "5"))
    assert addresses()[0] != first[0]  # another map: another address
    assert (root / "site/reis/reis.svg").exists()


def test_a_journey_s_search_settings_hold_for_its_moments_entries(tmp_path):
    # Material's `search:` front-matter: a boost raises each of the page's sections, and an excluded
    # page has none; the moments' entries, which the plugin adds itself, keep to both.
    boosted = RESTAURANT.replace("title: Uit eten\n", "title: Uit eten\nsearch: {boost: 2}\n")
    hidden = RESTAURANT.replace("title: Uit eten\n", "title: Verborgen\nsearch: {exclude: true}\n")
    root = make_site(tmp_path, {"index.md": "# Home\n", "boosted.md": boosted, "hidden.md": hidden,
                                "betalen.md": PAYMENT})
    done = build(root)
    assert done.returncode == 0, done.output
    index = json.loads(done.html("search/search_index.json"))["docs"]
    moments = [doc for doc in index if doc["location"].startswith("boosted/#")]
    assert len(moments) == 3 and all(doc.get("boost") == 2 for doc in moments), moments
    assert not any(doc["location"].startswith("hidden/") for doc in index)
