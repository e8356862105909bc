"""Generated pages in a real build: catalogue, department pages, overview, tags, navigation."""

from __future__ import annotations

import json
import posixpath
import re

import pytest

from sites import build, make_site

ALPHA = """
---
title: Alpha
journey:
  owner: Team A
  phases: [Start, Eind]
  killers: [{id: k, label: Kapotte brief}]
  touchpoints:
    - {label: a1, phase: Start, owner: X, score: 2, channel: brief}
    - {label: a2, phase: Start, score: 4}
    - {label: a3, phase: Eind, owner: X, killer: k}
    - {label: a4, phase: Eind, owner: Y}
---
"""
BETA = """
---
title: Beta
journey:
  phases: [Start]
  touchpoints:
    - {label: b1, id: bellen, phase: Start, owner: X, score: 1, channel: telefoon}
    - {label: b2, phase: Start, owner: Y, emotion: happy, quote: Wat een fijne hulp}
---
"""


def page_tags(html: str) -> set[str]:
    return {t.strip() for t in re.findall(r'class="md-tag(?: [^"]*)?"[^>]*>([^<]+)<', html)}


def sidebar(html: str) -> str:
    return html.split('class="md-nav md-nav--primary"')[1].split('class="md-content"')[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(
        tmp_path_factory.mktemp("org"),
        {"index.md": "# Home\n", "reizen/alpha.md": ALPHA, "reizen/beta.md": BETA, "over/team.md": "# Team\n"},
        extra="site_url: https://intranet.example/\nplugins:\n  - search\n  - tags\n  - journeys\n",
    )
    result = build(root)
    assert result.returncode == 0, result.output
    return result


def test_catalogue_lists_every_journey_worst_first(site):
    html = site.html("journeys/index.html")
    titles = re.findall(r'class="jm-card__title" href="([^"]+)">([^<]+)<', html)
    assert [t for _, t in titles] == ["Alpha", "Beta"]  # Alpha is killed
    assert titles[0][0] == "../reizen/alpha/"
    assert re.search(r'src="\.\./reizen/alpha/alpha\.svg\?v=[0-9a-f]{16}"', html)  # a thumbnail of the map
    assert 'data-owner="[&#34;Team A&#34;, &#34;X&#34;, &#34;Y&#34;]"' in html


def test_the_catalogue_names_the_journeys_it_cannot_list_with_a_link_to_their_errors(tmp_path):
    # A journey with errors was left out without a word: "11 journeys" while 13 pages existed.
    broken = ALPHA.replace("title: Alpha", "title: Gamma <kapot>").replace("score: 2", "score: 9")
    make_site(tmp_path, {"index.md": "# Home\n", "reizen/alpha.md": ALPHA, "reizen/beta.md": BETA,
                         "reizen/gamma.md": broken})
    result = build(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    html = result.html("journeys/index.html")
    assert re.findall(r'class="jm-card__title" href="[^"]+">([^<]+)<', html) == ["Alpha", "Beta"]
    note = re.search(r'<p class="jm-catalogue__broken">(.*?)</p>', html, re.S).group(1)
    assert " ".join(note.split()) == ('Niet in de lijst, omdat hun reis fouten bevat (hun pagina zegt welke): '
                                      '<a href="../reizen/gamma/">Gamma &lt;kapot&gt;</a>')
    assert "journey.touchpoints[0].score" in result.html("reizen/gamma/index.html")
    site = make_site(tmp_path, {"reizen/gamma.md": ALPHA.replace("title: Alpha", "title: Gamma")})
    assert build(site).returncode == 0
    assert "jm-catalogue__broken" not in (tmp_path / "site/journeys/index.html").read_text(encoding="utf-8")


def test_the_lists_say_in_their_introduction_what_their_figures_mean(site):
    # A manager met "Stem van de klant: 0% · Contactpuntenanalyse" on a card, and on the departments page an
    # average that leaves out the moments with a killer, explained nowhere.
    from journeymaps.i18n import labels_for

    labels = labels_for("nl")
    for page, figures in (("journeys/index.html", [labels["customer_voice"], labels["touchpoint_analysis"].lower()]),
                          ("owners/index.html", [labels["killers_count"], labels["average"].lower()])):
        introduction = re.search(r"<p>(.*?)</p>", site.html(page).split('class="md-content"')[1], re.S).group(1)
        for figure in figures:
            assert figure in introduction, (page, figure, introduction)
        assert figures[0] in site.html(page).split(introduction)[1]  # and the page shows that figure


def test_owner_page_lists_its_moments_weakest_first_with_links_to_anchors(site):
    html = site.html("owners/x/index.html")
    links = re.findall(r'<th scope="row"[^>]*><a href="([^"]+)">([^<]+)</a>', html)
    assert [label for _, label in links] == ["a3", "b1", "a1"]
    assert links[1][0] == "../../reizen/beta/#bellen"
    assert 'id="bellen"' in site.html("reizen/beta/index.html")  # the anchor exists
    # how each moment is experienced right after it: on a phone the rest scrolls out of sight
    assert re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html) == ["Moment", "Beleving", "Reis", "Fase"]


def test_a_department_page_shows_its_figures_and_the_way_back_to_all_departments(site):
    # Department pages are not in the navigation: one reached from a journey or the overview showed
    # its moments, but not how the department does, nor where the other departments are.
    def figures(html: str) -> dict:
        facts = html.split('class="jm-owner-figures"')[1].split("</dl>")[0]
        return {dt: re.sub(r"<[^>]+>", "", dd).strip() for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", facts)}

    page = site.html("owners/x/index.html")
    # X has a killer: see test_owner_index_counts_and_averages
    average = "1,5 zonder killers · geen bewijs van klanten"  # (no moment of this site has evidence)
    assert figures(page) == {"Killers": "1", "Gemiddeld": average, "Momenten": "3", "Reizen": "2"}
    row = re.search(r'<a href="x/">X</a></th>(.*?)</tr>', site.html("owners/index.html"), re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells == ["1", average, "3", "2"]  # as the departments page says
    figures_html = page.split('class="jm-owner-figures"')[1].split("</dl>")[0]
    assert "jm-face-icon--killer" in figures_html and not re.search(r"jm-face-icon--(?!killer)", figures_html)
    assert '<a href="../">Alle afdelingen</a>' in page.split('class="jm-owner-figures"')[1]


def test_a_redesigns_moments_are_on_the_department_page_but_not_in_its_figures_or_the_overview(tmp_path):
    # The example's Team Parkeren averaged 3,0: an angry 1,5 of today and a designed 4,5.
    def journey(title: str, status: str, label: str, score: float) -> str:
        return (f"---\ntitle: {title}\njourney:\n  owner: X\n  status: {status}\n  phases: [Start]\n  touchpoints:\n"
                f"    - {{label: {label}, phase: Start, score: {score}, evidence: [{{kind: survey}}]}}\n---\n")

    root = make_site(tmp_path, {"index.md": "# Home\n", "nu.md": journey("Balie", "as-is", "nu", 1.5),
                                "straks.md": journey("Balie, herontwerp", "to-be", "straks", 4.5),
                                "later.md": journey("Balie (ontwerp)", "to-be", "later", 4)})
    result = build(root)
    assert result.returncode == 0, result.output
    page = result.html("owners/x/index.html")
    facts = page.split('class="jm-owner-figures"')[1]
    figures = {dt: re.sub(r"<[^>]+>", "", dd).strip()
               for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", facts.split("</dl>")[0])}
    # every figure counts today's journey: 'Momenten: 3' stood beside the average of one of them
    assert figures == {"Killers": "0", "Gemiddeld": "1,5", "Momenten": "1", "Reizen": "1"}
    assert "Deze cijfers tellen de reizen zoals ze nu zijn" in facts and "gemarkeerd met ‘ontwerp’" in facts
    row = re.search(r'<a href="x/">X</a></th>(.*?)</tr>', result.html("owners/index.html"), re.S).group(1)
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)] == [
        "0", "1,5", "1", "1"]  # as the departments page says
    rows = re.findall(r'<tr role="row">(.*?)</tr>', page.split("<tbody")[1], re.S)
    # nu, straks and later, each listed; each design marked beside its experience, whatever its title says
    # (only an editor's '(ontwerp)' told a design's hoped-for 4 from today's)
    mark = '<strong class="jm-badge jm-designed">ontwerp</strong>'
    assert [(re.search(r">(\w+)</a></th>", row)[1], mark in row.split("</td>")[0]) for row in rows] == [
        ("nu", False), ("later", True), ("straks", True)]
    owned = re.findall(r'<li><a href="[^"]*">([^<]+)</a>(.*?)</li>', page.split("<h2")[1])
    assert [(title, mark in after) for title, after in owned] == [
        ("Balie", False), ("Balie (ontwerp)", True), ("Balie, herontwerp", True)]
    overview = result.html("overview/index.html")
    row = re.search(r'<a href="../owners/x/">X</a></th>(.*?)</tr>', overview, re.S).group(1)
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)] == ["1,5"]


def test_a_department_page_lists_the_journeys_it_owns_before_its_moments(site):
    # With 483 moments, the journeys ICT owns came 41 screens down, under its table.
    html = site.html("owners/team-a/index.html")
    headings = list(re.finditer(r"<h2[^>]*>([^<]+)</h2>", html))
    assert [h.group(1) for h in headings] == ["Reizen waarvan Team A eigenaar is", "Alle momenten"]
    owned, moments = headings[0].start(), headings[1].start()
    assert owned < html.index('<a href="../../reizen/alpha/">') < moments < html.index('<table class="jm-table')
    # a department that owns no journey as a whole goes straight from its figures to its moments
    assert re.findall(r"<h2[^>]*>([^<]+)</h2>", site.html("owners/x/index.html")) == []


def test_a_department_s_average_reads_as_a_guess_when_no_customer_gave_its_scores_and_its_moments_say_why(
        tmp_path):
    # Belastingen's 3,3 on the departments page came from assumptions alone and looked measured; its page
    # listed what hurt, but why (the pain) was on each journey's page only.
    page = """
    ---
    journey:
      touchpoints:
        - {label: Bellen, owner: Balie, score: 2, pain: Lang in de wacht, opportunity: Terugbellen,
           evidence: [{kind: assumption}]}
        - {label: Langskomen, owner: Balie, score: 4}
        - {label: Mailen, owner: Post, score: 3, evidence: [{kind: survey, n: 30}]}
        - {label: Brief, owner: Post, score: 1}
        - {label: Afspraak, owner: Post, killer: k}
        - {label: Kluis, owner: Kluis, killer: k}
        - {label: Loket, owner: Loket, killer: k}
        - {label: Loket later, owner: Loket, score: 2}
      killers: [{id: k, label: Kwijt}]
    ---
    """
    make_site(tmp_path, {"index.md": "# Home\n", "reis.md": page})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    index = result.html("owners/index.html")
    cells = {name: re.findall(r"<td>(.*?)</td>", row, re.S)[1]
             for name, row in re.findall(r'<a href="[^"]+">(\w+)</a></th>(.*?)</tr>', index, re.S)}
    assert "geen bewijs van klanten" in cells["Balie"] and 'class="jm-unheard"' in cells["Balie"]
    # one score a customer gave is enough (a killer's moment is not in the average)
    assert "geen bewijs" not in cells["Post"] and "jm-unheard" not in cells["Post"]
    # beside killers, an average no customer gave says so too (found by a review)
    assert re.sub(r"<[^>]+>", "", cells["Loket"]).split() == "2,0 zonder killers · geen bewijs van klanten".split()
    # a department of killers only is killed too, with no average to give (it showed '–')
    assert re.sub(r"<[^>]+>", "", cells["Kluis"]).strip() == "Onderuit" and "jm-face-icon--killer" in cells["Kluis"]
    balie = result.html("owners/balie/index.html")
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', balie)
    assert headers == ["Moment", "Beleving", "Toelichting", "Reis", "Fase"]  # as on a journey's page
    rows = dict(re.findall(r'>(Bellen|Langskomen)</a></th>(.*?)</tr>', balie, re.S))

    def details(row: str) -> str:
        return " ".join(re.sub(r"<[^>]+>", " ", re.search(r'<td class="jm-details"[^>]*>(.*?)</td>', row, re.S)[1])
                        .split())

    assert details(rows["Bellen"]) == "Pijnpunt: Lang in de wacht Kans: Terugbellen"
    assert details(rows["Langskomen"]) == ""
    # no moment with a pain or a chance, no column
    assert "Toelichting" not in result.html("owners/post/index.html")


def test_owner_index_counts_and_averages(site):
    html = site.html("owners/index.html")
    rows = {name: re.findall(r"<td>(.*?)</td>", row, re.S)
            for name, row in re.findall(r'<a href="[^"]+">(\w+)</a></th>(.*?)</tr>', html, re.S)}
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in rows["X"]]
    # killers, average, moments, journeys. Beside X's killer no face (a department with a killer showed a
    # happy face and '4,5') but the killer's mark, and its average said to leave the killer out (in brackets
    # alone it read as an empty figure; 'Onderuit' for an average read oddly).
    assert cells == ["1", "1,5 zonder killers · geen bewijs van klanten", "3", "2"]
    assert '<span class="jm-would-have-been">' in rows["X"][1] and "jm-face-icon--killer" in rows["X"][1]
    assert not re.search(r"jm-face-icon--(?!killer)", rows["X"][1])  # no face
    # Y, without a killer: its average with its face (b2 happy, a4 not rated), which no customer gave: its
    # face ringed and said so, as b2's is
    assert re.sub(r"<[^>]+>", "", rows["Y"][1]).strip() == "4,5 · geen bewijs van klanten"
    assert "jm-face-icon--happy" in rows["Y"][1] and 'class="jm-unheard"' in rows["Y"][1]
    headers = re.findall(r'<th scope="col">([^<]+)</th>', html.split("<tbody>")[0])
    assert headers == ["Afdeling", "Killers", "Gemiddeld", "Momenten", "Reizen"]  # the judging figures first


def test_overview_cells_match_hand_computed_averages(site):
    html = site.html("overview/index.html")
    assert 'class="jm-map jm-map--heatmap"' in html and 'role="group"' in html  # its departments are links
    row = re.search(r'<a href="../owners/x/">X</a></th>(.*?)</tr>', html, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
    # Start: (2 + 1) / 2, of scores no customer gave; Eind: a killer only ('(Killers: 1)' read as a form)
    assert cells == ["1,5 · geen bewijs van klanten", "(1 killer)"]
    assert re.findall(r'<th scope="col">([^<]+)</th>', html)[0] == "Afdeling"  # as on the departments page


def test_the_overviews_heat_map_has_a_key_to_its_colours(site):
    # Nothing said what a cell's colour meant: its band of the average, as the face it comes to.
    key = site.html("overview/index.html").split('<figcaption class="jm-heat-key">')[1].split("</figcaption>")[0]
    items = [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r'__item">(.*?)</span>', key, re.S)]
    # and the ring of an average no customer gave (no moment of this site has evidence)
    assert items == ["boos: onder 2", "teleurgesteld: 2 tot 3", "neutraal: 3 tot 4", "blij: 4 en hoger", "Killers",
                     "geen bewijs van klanten"]
    assert key.count('class="jm-face-icon ') == 6 and key.count('class="jm-unheard"') == 1  # each with its mark


def test_overview_leaves_its_table_out_of_print_only_where_the_map_shows_all_of_it(site, tmp_path):
    # The table, a column for every phase, was cut at the sheet's edge; the map
    # draws one killer marker beside an average, whatever the count.
    overview = site.html("overview/index.html")
    assert '<details class="jm-heat-table jm-heat-table--in-map" data-search-exclude>' in overview
    root = make_site(tmp_path, {"gamma.md": """
---
title: Gamma
journey:
  phases: [Start]
  killers: [{id: k, label: Kapotte brief}, {id: l, label: Lege brief}]
  touchpoints:
    - {label: g1, phase: Start, owner: X, score: 2}
    - {label: g2, phase: Start, owner: X, killer: k}
    - {label: g3, phase: Start, owner: X, killer: l}
---
"""})
    result = build(root)
    assert result.returncode == 0, result.output
    assert '<details class="jm-heat-table" data-search-exclude>' in result.html("overview/index.html")


def test_overview_prints_its_map_turned_when_it_has_more_phases_than_departments(site, tmp_path):
    # Paper has room for rows, not columns; on screen the map stays as it is.
    assert "jm-heat-print" not in site.html("overview/index.html")  # 3 departments, 2 phases
    root = make_site(tmp_path, {"delta.md": """
---
title: Delta
journey:
  phases: [Start, Midden, Eind]
  touchpoints:
    - {label: d1, phase: Start, owner: X, score: 2}
    - {label: d2, phase: Midden, owner: X, score: 4}
    - {label: d3, phase: Eind, owner: X, score: 5}
---
"""})
    result = build(root)
    assert result.returncode == 0, result.output
    html = result.html("overview/index.html")
    figures = re.findall(r'<figure class="jm-figure ([^"]+)" data-search-exclude>\s*<div class="jm-scroll"', html)
    assert figures == ["jm-heat jm-heat-screen", "jm-heat-print"]
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # the two maps' titles and marks are told apart
    svg = html[html.index('class="jm-figure jm-heat-print"'):]
    svg = svg[:svg.index("</svg>")]
    # Phases are its rows, written level; departments its columns, upright.
    assert all(re.search(f'<text(?![^>]*rotate)[^>]*>{phase}</text>', svg) for phase in ("Start", "Midden", "Eind"))
    assert re.search(r'<text[^>]*rotate\(-90 [^>]*>X</text>', svg)
    index = json.loads(result.html("search/search_index.json"))
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("overview/"))
    assert "Heatmap van" not in text and "Midden" not in text  # in neither map, nor the table of their figures


def test_overview_names_where_customers_suffer_most_first(site):
    # A director met a grid with a column for every phase label in the library, most of it empty.
    html = site.html("overview/index.html")
    items = re.findall(r"<li>(.*?)</li>", html.split('<ol class="jm-worst">')[1].split("</ol>")[0], re.S)
    assert [" ".join(re.sub(r"<[^>]+>", " ", i).split()) for i in items] == [
        "X · Eind (1 killer) Slechtste moment: a3 (Alpha)",  # killers first
        "X · Start: Gemiddeld 1,5 Slechtste moment: b1 (Beta)",  # then below indifferent; Team A (4,0), Y (4,5) not
    ]
    # A phase's name is its journey's own word ('Start' is Alpha's and Beta's): the worst moment says what
    # happened, and where, and leads to its row on its journey's page.
    links = [re.findall(r'href="([^"]+)"', item) for item in items]
    assert links == [["../owners/x/", "../reizen/alpha/#tp-a3"], ["../owners/x/", "../reizen/beta/#bellen"]]
    for link in (found[1] for found in links):
        page, anchor = link.split("#")
        assert f'id="{anchor}"' in site.html(page.replace("../", "") + "index.html")
    assert html.index('<ol class="jm-worst">') < html.index('class="jm-map jm-map--heatmap"')


def test_journeys_are_tagged_with_owners_channels_and_phases_which_their_pages_leave_to_the_tags_index(tmp_path):
    own = ALPHA.replace("title: Alpha\n", "title: Alpha\ntags: [Prioriteit, <b>vet</b>]\n")
    make_site(tmp_path, {"index.md": "# Home\n", "tags.md": "# Trefwoorden\n\n<!-- material/tags -->\n",
                         "reizen/alpha.md": own, "reizen/beta.md": BETA},
              extra="plugins:\n  - search\n  - tags\n  - journeys\n")
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    # the index lists each journey under its departments, channels and phases
    index = result.html("tags/index.html")
    for tag in ("Prioriteit", "Team A", "X", "Y", "brief", "Start", "Eind"):
        listed = re.search(rf'<span class="md-tag">{re.escape(tag)}</span>.*?</ul>', index, re.S)
        assert listed and 'href="../reizen/alpha/"' in listed.group(0), tag
    # A page shows its own tags only (escaped): the others were up to 22 chips above its title.
    assert page_tags(result.html("reizen/alpha/index.html")) == {"Prioriteit", "&lt;b&gt;vet&lt;/b&gt;"}
    assert page_tags(result.html("reizen/beta/index.html")) == set()


def test_a_journey_page_keeps_the_tags_material_reads_from_another_field(tmp_path):
    # With `tags_name_property: keywords` Material shows a page's `keywords:`, not `tags:`: filtered by `tags:`,
    # every one of them was hidden (found by a review).
    own = ALPHA.replace("title: Alpha\n", "title: Alpha\nkeywords: [Prioriteit, Zomer]\n")
    make_site(tmp_path, {"index.md": "# Home\n", "reizen/alpha.md": own},
              extra="plugins:\n  - search\n  - tags:\n      tags_name_property: keywords\n  - journeys\n")
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    assert page_tags(result.html("reizen/alpha/index.html")) == {"Prioriteit", "Zomer"}


def test_a_department_page_is_tagged_with_its_name(site):
    assert page_tags(site.html("owners/x/index.html")) == {"X"}


def test_tags_false_leaves_every_page_with_its_own_tags_only(tmp_path):
    own = ALPHA.replace("title: Alpha\n", "title: Alpha\ntags: [Prioriteit]\n")
    make_site(tmp_path, {"index.md": "# Home\n", "reizen/alpha.md": own, "reizen/beta.md": BETA},
              extra="plugins:\n  - search\n  - tags\n  - journeys:\n      tags: false\n")
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    assert page_tags(result.html("reizen/alpha/index.html")) == {"Prioriteit"}
    assert page_tags(result.html("reizen/beta/index.html")) == set()
    assert page_tags(result.html("owners/x/index.html")) == set()
    # The kiosk still picks maps by department (?tag=): the option is about the pages' tags.
    kiosk = {m["title"]: m for m in json.loads(result.html("kiosk/playlist.json"))["maps"]}
    assert {"Prioriteit", "Team A", "X"} <= set(kiosk["Alpha"]["tags"])


def test_search_finds_a_journey_by_quote(site):
    index = json.loads(site.html("search/search_index.json"))
    hits = [d["location"] for d in index["docs"] if "Wat een fijne hulp" in d["text"]]
    assert hits and all(h.startswith("reizen/beta/") for h in hits)


def test_search_finds_lists_by_their_introduction_and_moments_on_their_journeys(site):
    # The catalogue and a department's page repeat what the journeys' pages
    # say: indexed again, they were a third of a large library's search index.
    index = json.loads(site.html("search/search_index.json"))
    text = {doc["location"]: doc["text"] for doc in index["docs"]}
    lists = {"journeys/": "Alle klantreizen", "owners/x/": "Alle momenten van X"}
    for location, introduction in lists.items():
        assert introduction in text[location]
        for written in ("a1", "b1", "Kapotte brief", "Beta", "Start"):  # moments, a killer, a journey, a phase
            assert written not in text[location], (location, written)
    # The overview's table of the heat map, a row of figures per department, neither.
    overview = " ".join(words for location, words in text.items() if location.startswith("overview/"))
    assert "Team A" not in overview and "4,5" not in overview, overview
    found = [location for location, words in text.items() if "b1" in words.split()]
    assert found and all(location.startswith("reizen/beta/") for location in found)
    # Nor the heading over the journeys a department owns: found, it led to a list that is not.
    assert "Reizen waarvan Team A eigenaar is" in site.html("owners/team-a/index.html")
    assert text["owners/team-a/"] == ("<p>Alle momenten van Team A, in alle klantreizen: "
                                      "killers eerst, dan de zwakste.</p>")


def test_search_reads_neither_the_overview_heat_map_nor_its_table(site):
    index = json.loads(site.html("search/search_index.json"))
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("overview/"))
    svg = re.search(r'<svg[^>]*class="jm-map jm-map--heatmap".*?</svg>', site.html("overview/index.html"),
                    re.S).group(0)
    desc = re.search(r"<desc[^>]*>([^<]+)</desc>", svg).group(1)
    assert desc and desc not in text  # the drawing's description: Material's search skips the figure
    # nor the table below it: a row of figures per department, its teaser a dump of numbers
    assert "Team A" not in text and "4,0" not in text
    # and the list a phone shows in the map's place is skipped too, every department of it
    listed = re.search(r'<div class="jm-heat-list".*?</div>', site.html("overview/index.html"), re.S).group(0)
    items = [" ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in re.findall(r"<li>(.*?)</li>", listed, re.S)]
    items = [item for item in items if re.match(r"[^(]*: \d", item)]  # 'Start: 4,0', which only the list says
    assert len(items) >= 2 and not [item for item in items if item in text], text


def test_generated_navigation_is_short_and_keeps_the_sites_own_pages(site):
    html = site.html("index.html")
    nav = sidebar(html)
    assert "Klantreizen" in nav and "Afdelingen" in nav and "Overzicht" in nav and "Team" in nav
    assert "Alpha" not in nav and "Beta" not in nav  # journeys come from the catalogue
    assert "reizen/alpha/" in site.html("sitemap.xml") and "owners/x/" in site.html("sitemap.xml")


def test_a_sites_own_nav_is_respected(tmp_path):
    make_site(tmp_path, {"index.md": "# Home\n", "alpha.md": ALPHA}, extra="nav:\n  - index.md\n  - alpha.md\n")
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    nav = sidebar(result.root.joinpath("site/index.html").read_text())
    assert "Alpha" in nav and "Afdelingen" not in nav
    assert result.root.joinpath("site/journeys/index.html").exists()  # still generated


def test_a_sites_own_nav_that_reports_left_out_pages_as_warnings_still_builds_strict(tmp_path):
    # Journeys are reached from the catalogue, not the sidebar, and a
    # department's page appears when an editor names the department: a site
    # with its own nav and MkDocs' `omitted_files: warn` failed every
    # --strict build for pages nobody could list. Its own pages still count.
    extra = "nav:\n  - index.md\n  - journeys/index.md\nvalidation:\n  nav:\n    omitted_files: warn\n"
    make_site(tmp_path, {"index.md": "# Home\n", "reizen/alpha.md": ALPHA}, extra=extra)
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    make_site(tmp_path, {"eigen.md": "# Eigen pagina\n"}, extra=extra)
    result = build(tmp_path, strict=False)
    assert "not included in the \"nav\" configuration:\n  - eigen.md\n" in result.output, result.output


def test_a_page_of_the_sites_own_at_the_catalogue_path_wins(tmp_path):
    make_site(tmp_path, {"index.md": "# Home\n", "alpha.md": ALPHA, "journeys/index.md": "# Onze eigen lijst\n"})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    html = result.root.joinpath("site/journeys/index.html").read_text()
    assert "Onze eigen lijst" in html and "jm-catalogue" not in html


def test_a_journeys_owner_written_as_a_number_gets_its_page_as_a_moments_does(tmp_path):
    # The format: "every owner (journey or touchpoint) gets a page". 'owner: 112' on a moment did;
    # on the journey it was refused: "expected text, got the number 112".
    page = ("---\njourney:\n  owner: 112\n  touchpoints:\n    - {label: Melding, score: 2}\n"
            "    - {label: Terugbellen, owner: 1800}\n---\n")
    make_site(tmp_path, {"melding.md": page})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    assert "Melding" in result.html("owners/112/index.html") and "Terugbellen" in result.html("owners/1800/index.html")


def test_a_killed_journey_keeps_the_score_it_would_have_had_wherever_its_verdict_stands(tmp_path):
    # The format: a killed journey's headline shows the killer, "The average it would have had is still shown,
    # marked as such." The journey's page did; its catalogue card and a map of it in another page did not.
    page = """
    ---
    title: Paspoort
    journey:
      killers: [{id: lek, label: Datalek}]
      touchpoints:
        - {label: Afspraak, score: 4}
        - {label: Ophalen, score: 5, killer: lek}
    ---
    """
    make_site(tmp_path, {"paspoort.md": page, "index.md": "# Home\n\n```journey\npage: paspoort.md\n```\n"},
              extra="markdown_extensions: [journeys]\n")
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    would_have_been = '<span class="jm-would-have-been">(zonder killer was het een 4,5 geweest)</span>'
    for page in ("paspoort/index.html", "journeys/index.html", "index.html"):
        assert "Onderuit door: Datalek</" in result.html(page) and would_have_been in result.html(page), page
    kiosk = json.loads(result.html("kiosk/playlist.json"))["maps"][0]
    assert kiosk["headline"] == "Onderuit door: Datalek (zonder killer was het een 4,5 geweest)"


def test_a_department_named_index_gets_its_own_page_beside_the_list_of_departments(tmp_path):
    # The format: every owner gets a page. A department 'Index' was written to owners/index.md, over the list
    # of departments, and the strict build passed.
    page = "---\njourney:\n  owner: Index\n  touchpoints:\n    - {label: Melding, score: 2, owner: Balie}\n---\n"
    make_site(tmp_path, {"melding.md": page})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    departments = result.html("owners/index.html")
    assert re.search(r'href="index-2/">Index<', departments) and re.search(r'href="balie/">Balie<', departments)
    assert "Melding" in result.html("owners/balie/index.html") and "Index" in result.html("owners/index-2/index.html")


KEUKEN_A = """
---
title: Alpha
journey:
  owner: Keuken
  touchpoints:
    - {label: a1, score: 2}
    - {label: a2, owner: Keuken, score: 4}
---
"""
KEUKEN_B = """
---
title: Beta
journey:
  touchpoints:
    - {label: b1, owner: Bediening, score: 3}
    - label: b2
      owner: "keuken\\u00a0"
      score: 1
---
"""


def test_owners_written_in_another_case_or_spacing_are_one_department_under_the_most_used_spelling(tmp_path):
    # 'Keuken' twice and 'keuken' with a non-breaking space once were two departments: two pages, two rows in the
    # overview, two names in the catalogue's filter and on the kiosk.
    make_site(tmp_path, {"index.md": "# Home\n", "reizen/a.md": KEUKEN_A, "reizen/b.md": KEUKEN_B},
              extra="plugins:\n  - search\n  - tags\n  - journeys\n")
    warning = ("WARNING -  journeymaps: docs/reizen/b.md:7: journey.touchpoints[1].owner: 'keuken' is written 'Keuken' "
               "elsewhere (2 times); the department is shown as 'Keuken'")
    strict = build(tmp_path)
    assert strict.returncode == 1 and warning in strict.output and "Aborted with 1 warnings" in strict.output
    result = build(tmp_path, strict=False)
    assert result.returncode == 0 and result.output.count(warning) == 1, result.output
    pages = sorted(p.name for p in (tmp_path / "site/owners").iterdir() if p.is_dir())
    assert pages == ["bediening", "keuken"]
    keuken = result.html("owners/keuken/index.html")
    assert "Momenten van Keuken" in keuken and all(f">{m}<" in keuken for m in ("a1", "a2", "b2"))
    departments = result.html("owners/index.html")
    assert sorted(re.findall(r'href="([^"]+)">([^<]+)</a></th>', departments)) == [("bediening/", "Bediening"),
                                                                                  ("keuken/", "Keuken")]
    overview = result.html("overview/index.html")
    assert re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)<', overview) == ["Bediening", "Keuken"]
    catalogue = result.html("journeys/index.html")
    assert 'data-owner="[&#34;Bediening&#34;, &#34;Keuken&#34;]"' in catalogue
    assert "keuken" not in catalogue.replace("/keuken/", "")
    kiosk = {m["title"]: m for m in json.loads(result.html("kiosk/playlist.json"))["maps"]}
    assert kiosk["Beta"]["owners"] == ["Bediening", "Keuken"]
    assert kiosk["Beta"]["owner_pages"] == ["bediening", "keuken"]
    assert kiosk["Alpha"]["owner"] == "Keuken"
    assert "Keuken" in kiosk["Beta"]["tags"] and "keuken" not in kiosk["Beta"]["tags"]


STEPS = re.compile(r'<ol class="jm-steps".*?</ol>\s*</li>\s*</ol>', re.S)  # a list for phones (journeys/steps.html)


def _department_links(html: str, page_url: str) -> list[tuple[str, str]]:
    """(department page as a built file, name shown) of each department link
    on a journey page, in its facts and its table: not in the list for
    phones (see `_step_owners`) nor among the strong and weak moments."""
    html = STEPS.sub("", re.sub(r'<div class="jm-points">.*?(?=<div class="jm-moments">)', "", html, flags=re.S))
    return [(posixpath.normpath(posixpath.join(page_url, href)) + "/index.html", name)
            for href, name in re.findall(r'<a class="jm-department" href="([^"]+)">([^<]+)</a>', html)]


def test_a_journey_page_links_its_owner_and_each_moments_owner_to_the_departments_page(site):
    # A reader who sees who owns a moment goes on to what else that department owns.
    alpha = site.html("reizen/alpha/index.html")
    links = _department_links(alpha, "reizen/alpha/")
    # the journey's owner, then the moments a1 to a4; a2, of no owner of its own, is its journey owner's (its
    # cell was empty, while the department's page listed it: the format gives it to the journey's owner)
    assert links == [("owners/team-a/index.html", "Team A"), ("owners/x/index.html", "X"),
                     ("owners/team-a/index.html", "Team A"), ("owners/x/index.html", "X"),
                     ("owners/y/index.html", "Y")]
    for built, name in links:
        assert f"Momenten van {name}" in site.html(built)
    beta = site.html("reizen/beta/index.html")
    assert [name for _, name in _department_links(beta, "reizen/beta/")] == ["X", "Y"]


STRANGE = """
---
title: Vreemd
journey:
  owner: <img src=x onerror=alert(1)>
  touchpoints:
    - {label: v1, owner: "javascript:alert(1)", score: 3}
---
"""
NEWS = """
# Bericht

```journey
page: ../../reizen/alpha.md
```

```journey
title: Balie
journey:
  touchpoints:
    - {label: m1, channel: brief, owner: x, score: 2}
    - {label: m2, owner: <img src=x onerror=alert(1)>, score: 3}
    - {label: m3, channel: web, owner: "javascript:alert(1)", score: 4}
    - {label: m4, owner: Niemand, score: 4}
    - {label: m5, channel: telefoon, score: 4}
```
"""


def _step_owners(html: str, page: str) -> list[list[str]]:
    """Each list for phones in a built page: its moments' channel and owner
    as shown, a department link as [name -> the built page it leads to]."""

    def resolved(link: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link.group(1)))
        return f"[{link.group(2)} -> {target if target.endswith('.html') else target + '/index.html'}]"

    return [[re.sub(r'<a class="jm-department" href="([^"]+)">([^<]*)</a>', resolved, meta)
             for meta in re.findall(r'<span class="jm-step__meta">(.*?)</span>', steps, re.S)]
            for steps in STEPS.findall(html)]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_list_for_phones_links_each_moments_owner_to_its_departments_page(tmp_path, directory_urls):
    # On a phone the map gives way to a list of the moments, whose owners were plain text where the
    # table links them: on a journey page, and in a ```journey block on a page at any depth.
    make_site(tmp_path, {"index.md": "# Home\n", "reizen/alpha.md": ALPHA, "reizen/vreemd.md": STRANGE,
                         "nieuws/intern/bericht.md": NEWS},
              extra=f"use_directory_urls: {str(directory_urls).lower()}\nmarkdown_extensions:\n  - journeys\n")
    result = build(tmp_path)
    assert result.returncode == 0, result.output

    def department(name: str, slug: str) -> str:
        return f"[{name} -> owners/{slug}/index.html]" if directory_urls else f"[{name} -> owners/{slug}.html]"

    built = "{}/index.html" if directory_urls else "{}.html"
    # a1 to a4: a2, of no owner of its own, is its journey owner's
    alpha = [f"brief · {department('X', 'x')}", department("Team A", "team-a"), department("X", "x"),
             department("Y", "y")]
    assert _step_owners(result.html(built.format("reizen/alpha")), built.format("reizen/alpha")) == [alpha]
    page = built.format("nieuws/intern/bericht")
    referenced, inline = _step_owners(result.html(page), page)
    assert referenced == alpha
    # An owner is shown as written, linked to the department it is one with ('x' is X's); untrusted
    # names stay text, their links slugs; an owner without a department page stays plain text.
    assert inline == [f"brief · {department('x', 'x')}",
                      department("&lt;img src=x onerror=alert(1)&gt;", "img-src-x-onerror-alert-1"),
                      f"web · {department('javascript:alert(1)', 'javascript-alert-1')}", "Niemand", "telefoon"]
    for meta in alpha + inline:
        for name, target in re.findall(r"\[(.*?) -> (.*?)\]", meta):
            assert f"Momenten van {name}".lower() in result.html(target).lower()  # lower: 'x' leads to X's page


def test_the_catalogue_links_each_journeys_departments_to_their_pages(site):
    html = site.html("journeys/index.html")
    cards = dict(re.findall(r'data-title="([^"]+)".*?(<dl class="jm-facts.*?</dl>)', html, re.S))
    alpha = _department_links(cards["Alpha"], "journeys/")
    assert alpha == [("owners/team-a/index.html", "Team A"), ("owners/x/index.html", "X"), ("owners/y/index.html", "Y")]
    assert re.search(r"Eigenaar</dt><dd><a [^>]+>Team A</a></dd>", cards["Alpha"])  # the owner, then the others
    assert [name for _, name in _department_links(cards["Beta"], "journeys/")] == ["X", "Y"]
    for built, name in alpha:
        assert f"Momenten van {name}" in site.html(built)


def test_the_overviews_heat_map_links_each_department_to_its_page(site):
    html = site.html("overview/index.html")
    heat_map = html[html.index("jm-map--heatmap"):]
    heat_map = heat_map[:heat_map.index("</svg>")]
    links = re.findall(r'<a class="jm-link" xlink:href="([^"]+)"><text[^>]*>([^<]+)</text></a>', heat_map)
    assert [name for _, name in links] == ["Team A", "X", "Y"]
    for href, name in links:
        built = posixpath.normpath(posixpath.join("overview/", href)) + "/index.html"
        assert f"Momenten van {name}" in site.html(built)


def test_an_owner_written_another_way_links_to_the_department_it_is_shown_as(tmp_path):
    make_site(tmp_path, {"index.md": "# Home\n", "reizen/a.md": KEUKEN_A, "reizen/b.md": KEUKEN_B},
              extra="plugins:\n  - search\n  - journeys\n")
    result = build(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    links = _department_links(result.html("reizen/b/index.html"), "reizen/b/")
    assert links == [("owners/bediening/index.html", "Bediening"), ("owners/keuken/index.html", "keuken")]


TEAM_X = "---\ntitle: {title}\njourney:\n  owner: {owner}\n  touchpoints:\n    - {{label: Melding, score: 2}}\n---\n"


def test_a_journey_page_built_from_the_cache_links_to_where_its_departments_page_moved(tmp_path):
    # 'Team X' and 'Team-X' are two departments with one slug: the one named first, by journey title, gets
    # 'team-x'. A journey added before Beta moves Beta's department to 'team-x-2' without Beta changing.
    make_site(tmp_path, {"index.md": "# Home\n", "reizen/b.md": TEAM_X.format(title="Beta", owner="Team X")})
    first = build(tmp_path)
    assert first.returncode == 0, first.output
    assert _department_links(first.html("reizen/b/index.html"), "reizen/b/") == [("owners/team-x/index.html",
                                                                                   "Team X")]
    (tmp_path / "docs/reizen/a.md").write_text(TEAM_X.format(title="Alpha", owner="Team-X"), encoding="utf-8")
    second = build(tmp_path)
    assert second.returncode == 0, second.output
    links = _department_links(second.html("reizen/b/index.html"), "reizen/b/")
    assert links == [("owners/team-x-2/index.html", "Team X")]
    assert "Momenten van Team X" in second.html(links[0][0])
    assert "Momenten van Team-X" in second.html("owners/team-x/index.html")


def test_a_department_page_links_to_its_kiosk_only_when_the_site_has_a_kiosk(tmp_path):
    page = "---\njourney:\n  owner: Balie\n  touchpoints:\n    - {label: Melding, score: 2}\n---\n"
    for kiosk, expected in (("true", ['href="../../schermen/?owner=balie"']), ("false", [])):
        make_site(tmp_path, {"melding.md": page}, plugin_options=f"kiosk: {kiosk}\nkiosk_dir: schermen")
        result = build(tmp_path)
        assert result.returncode == 0, result.output
        assert re.findall(r'href="[^"]*\?owner=[^"]*"', result.html("owners/balie/index.html")) == expected


def test_the_kiosk_playlist_names_each_listed_moments_department_and_each_departments_own_weakest(tmp_path):
    # A department's office screen (?owner=) lists its own moments beside each map: the playlist names the
    # department of each moment it lists (its own owner, else the journey's) by its page's slug, and adds
    # under `more` each department's first three that the journey's first three leave out (Post's weakest
    # is the journey's fourth), in the journey's order; the names and headings once, not per journey.
    melding = """
    ---
    title: Melding
    journey:
      owner: Balie
      touchpoints:
        - {label: Zoekt, owner: Web, score: 1}
        - {label: Belt, owner: Web, score: 1.5}
        - {label: Wacht, owner: Web, score: 2}
        - {label: Brief, owner: Post, score: 2.5}
        - {label: Klaar, score: 5}
        - {label: Uitleg, owner: Web, score: 4.5}
        - {label: Afspraak, owner: Web, score: 4}
        - {label: Bedankt, owner: Post, score: 4}
        - {label: Herinnering, owner: Web, score: 2.8}
    ---
    """
    loose = ("---\ntitle: Los\nlang: en\njourney:\n"
             "  touchpoints: [{label: Alone, score: 1}, {label: Fine, score: 5}]\n---\n")
    make_site(tmp_path, {"melding.md": melding, "los.md": loose})
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    playlist = json.loads(result.html("kiosk/playlist.json"))
    maps = {m["title"]: m for m in playlist["maps"]}

    def moments(listed: list[dict]) -> list[tuple]:
        return [(m["number"], m["label"], m.get("owner")) for m in listed]

    melding = maps["Melding"]
    assert moments(melding["weak"]) == [(1, "Zoekt", "web"), (2, "Belt", "web"), (3, "Wacht", "web")]
    assert moments(melding["strong"]) == [(5, "Klaar", "balie"), (6, "Uitleg", "web"), (7, "Afspraak", "web")]
    # Those are in a file of each department's own, which only its screen reads: in the one playlist,
    # every department's made it twice as large. Web's fourth weak moment (Herinnering) is not there:
    # a screen lists three of a department's own.
    assert not any("more" in m for m in playlist["maps"])
    own = {slug: json.loads(result.html(f"kiosk/owners/{slug}.json")) for slug in ("balie", "post", "web")}
    assert {slug: data["version"] for slug, data in own.items()} == dict.fromkeys(own, playlist["version"])
    post = own["post"]["more"][melding["id"]]
    assert moments(post["weak"]) == [(4, "Brief", "post")] and moments(post["strong"]) == [(8, "Bedankt", "post")]
    assert post["weak"][0] == {"number": 4, "label": "Brief", "emotion": "disappointed", "killer": False,
                               "owner": "post"}
    assert own["web"]["more"] == {} and own["balie"]["more"] == {}  # all in the journey's first three
    # a moment nobody owns names no department
    assert moments(maps["Los"]["weak"]) == [(1, "Alone", None)]
    assert playlist["departments"] == {"balie": "Balie", "post": "Post", "web": "Web"}
    # the words around a department's moments, once for each language of the maps, as the maps' own
    assert playlist["department_headings"] == {
        "nl": {"department": "Afdeling", "own_weak": "Zwakste momenten van de afdeling",
               "own_strong": "Sterkste momenten van de afdeling",
               "journey_weak": "Zwakste momenten van de reis (geen van de afdeling)",
               "journey_strong": "Sterkste momenten van de reis (geen van de afdeling)"},
        "en": {"department": "Department", "own_weak": "The department's weakest moments",
               "own_strong": "The department's strongest moments",
               "journey_weak": "The journey's weakest moments (not the department's)",
               "journey_strong": "The journey's strongest moments (not the department's)"}}
