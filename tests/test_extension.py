"""```journey blocks: a map in any Markdown, with or without MkDocs."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET

import markdown
import pytest
from journeymaps.extension import PageContext, current_page

from sites import build, make_site
from test_cli import run

BLOCK = """Intro.

```journey
title: Balie
journey:
  touchpoints:
    - {label: Nummertje trekken, score: 3}
    - {label: Geholpen, emotion: happy}
```

Slot.
"""


def test_block_renders_a_map_without_mkdocs():
    html = markdown.markdown(BLOCK, extensions=["journeys"])
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert ET.fromstring(svg).get("role") == "img"
    assert "Journey score 3.8 out of 5" in html  # (3 + 4.5) / 2 = 3.75, rounded half up
    assert html.index("Intro.") < html.index("<svg") < html.index("Slot.")


def test_a_block_draws_a_long_label_whole_as_it_has_no_table_of_moments_to_show_it():
    label = " ".join(["Wacht bij de balie op een nummer dat maar niet wordt omgeroepen"] * 3)
    block = f"```journey\njourney:\n  touchpoints:\n    - {{label: {label}, score: 2}}\n```\n"
    svg = re.search(r"<svg.*?</svg>", markdown.markdown(block, extensions=["journeys"]), re.S).group(0)
    shown = [" ".join(t.itertext()) for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    words = [t for t in shown if t.startswith("1.")]
    assert len(words) == 1 and "…" not in words[0]
    assert words[0].replace("- ", "").split()[-3:] == label.split()[-3:]  # to its last word


OWNED = """```journey
journey:
  touchpoints:
    - {label: A, channel: web, owner: Keuken, score: 3}
    - {label: B, owner: <img src=x onerror=alert(1)>, score: 4}
```
"""


def test_a_blocks_owners_link_to_the_department_pages_a_front_end_knows_else_are_plain_text():
    # The list for phones (journeys/steps.html) names each moment's owner. Without a site there are no
    # department pages: the name as text. A front end that knows them (the MkDocs plugin) says where they are.
    def metas(html: str) -> list[str]:
        return re.findall(r'<span class="jm-step__meta">(.*?)</span>', html, re.S)

    plain = ["web · Keuken", "&lt;img src=x onerror=alert(1)&gt;"]
    assert metas(markdown.markdown(OWNED, extensions=["journeys"])) == plain
    pages = {"Keuken": "../afdelingen/keuken/"}
    token = current_page.set(PageContext("nieuws.md", "nieuws.md", department_url=pages.get))
    try:
        html = markdown.markdown(OWNED, extensions=["journeys"])
    finally:
        current_page.reset(token)
    assert metas(html) == ['web · <a class="jm-department" href="../afdelingen/keuken/">Keuken</a>', plain[1]]


def test_block_errors_name_the_line_and_log_a_warning(caplog):
    text = "# Titel\n\n```journey\njourney:\n  touchpoints:\n    - {label: A, emotion: hapy}\n```\n"
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.journeymaps.extension"):
        html = markdown.markdown(text, extensions=["journeys"])
    expected = ("journeymaps: <markdown>:6: journey.touchpoints[0].emotion: 'hapy' is not one of angry, "
                "disappointed, indifferent, happy (did you mean 'happy'?)")
    assert [r.getMessage() for r in caplog.records] == [expected]
    assert "This journey map has errors" in html and "<svg" not in html


def test_page_reference_and_two_maps_on_one_page(tmp_path):
    (tmp_path / "reis.md").write_text("---\ntitle: De reis\njourney:\n  touchpoints: [{label: A, score: 2}]\n---\n")
    text = "```journey\npage: reis.md\n```\n\n" + BLOCK
    html = markdown.markdown(text, extensions=["journeys"], extension_configs={"journeys": {"base_dir": str(tmp_path)}})
    assert html.count('role="img"') == 2
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert "<strong>De reis</strong>" in html and "Journey score 2.0" in html


PAGE = """---
title: Nieuws
---
# Nieuws van de afdeling

```journey
page: reizen/alpha.md
```

```journey
journey:
  touchpoints:
    - {label: Bellen, score: 9}
```
"""
ALPHA = "---\ntitle: Alpha\njourney:\n  touchpoints:\n    - {label: A, score: 2, related: beta.md}\n---\n"
BETA = "---\ntitle: Beta\njourney:\n  touchpoints: [{label: B, score: 4}]\n---\n"


def test_blocks_in_an_mkdocs_site_name_the_pages_lines(tmp_path):
    make_site(tmp_path, {"nieuws.md": PAGE, "reizen/alpha.md": ALPHA, "reizen/beta.md": BETA},
              extra="markdown_extensions:\n  - journeys\n")
    result = build(tmp_path, strict=True)
    assert result.returncode != 0
    # line 13 of the file: the front-matter's 3 lines count too
    assert "docs/nieuws.md:13: journey.touchpoints[0].score: 9 is out of range" in result.output
    result = build(tmp_path, strict=False)
    html = (tmp_path / "site/nieuws/index.html").read_text()
    assert '<a href="../reizen/alpha/">Alpha</a>' in html  # the referenced journey, linked
    assert 'href="../reizen/beta/"' in html  # its related moment links within the site
    assert "Deze klantreiskaart bevat fouten" in html  # the broken block, in place


def test_a_block_carries_the_journey_top_to_bottom_for_phones(tmp_path):
    # Below a tablet's width the map gives way to the same list a journey
    # page has; a referenced journey's moments link to their rows on its page.
    page = PAGE.replace("    - {label: Bellen, score: 9}",
                        "    - {label: Bellen, score: 3}\n    - {label: Langskomen, score: 4, related: reizen/beta.md}")
    make_site(tmp_path, {"nieuws.md": page, "reizen/alpha.md": ALPHA, "reizen/beta.md": BETA},
              extra="markdown_extensions:\n  - journeys\n")
    assert build(tmp_path).returncode == 0
    html = (tmp_path / "site/nieuws/index.html").read_text()
    referenced, inline = re.findall(r'<figure class="jm-figure jm-embed".*?</figure>', html, re.S)
    steps = re.search(r'<ol class="jm-steps".*?</ol>\s*</li>\s*</ol>', referenced, re.S).group(0)
    anchor = re.search(r'<tr[^>]* id="([^"]+)"', (tmp_path / "site/reizen/alpha/index.html").read_text()).group(1)
    assert f'<a href="../reizen/alpha/#{anchor}">1. A</a>' in steps
    marks = re.findall(r'<use xlink:href="#([^"]+)"', steps)
    assert marks and all(f'id="{mark}"' in referenced for mark in marks)  # faces from the block's own map
    # A journey written in the block has no rows to link to: a moment links where its map links it, if anywhere.
    inline_steps = inline.split('<ol class="jm-steps"')[1]
    assert "<span>1. Bellen</span>" in inline_steps and '<a href="../reizen/beta/">2. Langskomen</a>' in inline_steps
    assert 'href="../reizen/beta/"' in inline.split('<ol class="jm-steps"')[0]  # as the map does


def test_blocks_use_the_sites_own_templates(tmp_path):
    # A site overrides journeys/*.html in its custom_dir, as for journey pages
    # (README); blocks were drawn with the package's templates all the same.
    make_site(tmp_path, {"index.md": BLOCK, "kapot.md": "```journey\njourney:\n  touchpoints: []\n```\n"},
              extra="markdown_extensions:\n  - journeys\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"))
    (tmp_path / "overrides/journeys").mkdir(parents=True)
    (tmp_path / "overrides/journeys/embed.html").write_text("<p>Eigen kaart: {{ title }}</p>\n")
    (tmp_path / "overrides/journeys/errors.html").write_text("<p>Eigen fouten: {{ problems | length }}</p>\n")
    assert build(tmp_path, strict=False).returncode == 0
    assert "<p>Eigen kaart: Balie</p>" in (tmp_path / "site/index.html").read_text()
    assert "<p>Eigen fouten: 1</p>" in (tmp_path / "site/kapot/index.html").read_text()


LATIN_1 = b"---\ntitle: Caf\xe9\njourney:\n  touchpoints: [{label: A, score: 2}]\n---\n"


def test_a_block_naming_a_page_that_is_not_utf8_is_no_traceback(tmp_path):
    # The page itself is reported ('is not UTF-8 text'); the block read it
    # with File.content_string, or read_text without MkDocs, and stopped the build.
    (tmp_path / "reis.md").write_bytes(LATIN_1)
    html = markdown.markdown("```journey\npage: reis.md\n```\n", extensions=["journeys"],
                             extension_configs={"journeys": {"base_dir": str(tmp_path)}})
    assert "<svg" not in html and "0xe9" in html  # the page's problem in place of its map
    make_site(tmp_path / "site", {"index.md": "# Thuis\n\n```journey\npage: reis.md\n```\n"},
              extra="markdown_extensions:\n  - journeys\n")
    (tmp_path / "site/docs/reis.md").write_bytes(LATIN_1)
    strict = build(tmp_path / "site")
    assert strict.returncode != 0 and "Traceback" not in strict.output, strict.output
    assert "docs/reis.md:2: file: is not UTF-8 text (byte 0xe9)" in strict.output
    assert build(tmp_path / "site", strict=False).returncode == 0


def test_a_blocks_text_a_yaml_comment_cut_short_logs_a_warning_without_mkdocs(caplog):
    # The quote was 'Melding', and the rest of the line went without a word, as in front-matter (comments.py).
    text = "# Titel\n\n```journey\njourney:\n  touchpoints:\n    - label: Melden\n      quote: Melding #1 kwijt\n```\n"
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.journeymaps.extension"):
        html = markdown.markdown(text, extensions=["journeys"])
    assert [r.getMessage() for r in caplog.records] == [
        "journeymaps: <markdown>:7: journey.touchpoints[0].quote: '#1 kwijt' is read as a YAML comment and left "
        "out, so the text is 'Melding'; put the whole text in quotes: \"Melding #1 kwijt\""]
    assert "<svg" in html  # a warning: the map is drawn with the text YAML read


CUT_IN_A_BLOCK = """---
title: Nieuws
---
# Nieuws

```journey
journey:
  touchpoints:
    - label: Melding doen
      quote: Melding #123 is nooit beantwoord
```

```journey
journey:
  touchpoints:
    - label: Quoted
      quote: "Melding #123 is nooit beantwoord"
    - label: Commented
      quote: Melding  # a comment
    - {label: No hash, quote: Melding 123 is nooit beantwoord}
```

```journey
page: reizen/alpha.md
```
"""
ALPHA_CUT = "---\ntitle: Alpha\njourney:\n  touchpoints:\n    - label: A #2\n---\n"


def test_a_blocks_text_a_yaml_comment_cut_short_is_named_by_the_files_line_and_fails_strict(tmp_path):
    # Front-matter had this warning; a ```journey block drew 'Melding' and --strict and check passed.
    make_site(tmp_path, {"nieuws.md": CUT_IN_A_BLOCK, "reizen/alpha.md": ALPHA_CUT},
              extra="markdown_extensions:\n  - journeys\n")
    cut = ("docs/nieuws.md:10: journey.touchpoints[0].quote: '#123 is nooit beantwoord' is read as a YAML comment "
           "and left out, so the text is 'Melding'; put the whole text in quotes: \"Melding #123 is nooit beantwoord\"")
    alpha = ("docs/reizen/alpha.md:5: journey.touchpoints[0].label: '#2' is read as a YAML comment and left out, "
             "so the text is 'A'; put the whole text in quotes: \"A #2\"")
    # Quotes, a comment written '# like this' and text without a hash are no warning; the block that shows
    # alpha.md does not repeat that page's own.
    done = build(tmp_path)
    assert done.returncode == 1 and re.findall(r"^WARNING +- +journeymaps: (.*)$", done.output, re.M) == [
        alpha, cut], done.output
    checked = run("check", cwd=tmp_path)
    assert checked.returncode == 1 and checked.stdout.splitlines() == [cut, alpha], checked.stdout
    done = build(tmp_path, strict=False)
    assert done.returncode == 0 and done.output.count(cut) == 1
    assert done.html("nieuws/index.html").count('role="img"') == 3
    # Written as the warning says, the page passes.
    page = tmp_path / "docs/nieuws.md"
    page.write_text(page.read_text().replace("quote: Melding #123 is nooit beantwoord",
                                             'quote: "Melding #123 is nooit beantwoord"', 1))
    (tmp_path / "docs/reizen/alpha.md").write_text(ALPHA_CUT.replace("A #2", '"A #2"'))
    assert build(tmp_path).returncode == 0 and run("check", cwd=tmp_path).returncode == 0


def test_a_block_naming_a_page_the_site_leaves_out_reports_that_pages_cut_text(tmp_path):
    # A draft is not built, so it reports nothing of its own: the home page published the draft's map
    # with 'Bel ons' for 'Bel ons #1 keer', and --strict and check passed.
    draft = "---\ntitle: Concept\njourney:\n  touchpoints:\n    - label: Bel ons #1 keer\n---\n"
    make_site(tmp_path, {"index.md": "# Home\n\n```journey\npage: concept/reis.md\n```\n", "concept/reis.md": draft},
              extra="markdown_extensions:\n  - journeys\ndraft_docs: |\n  concept/\n")
    cut = ("docs/concept/reis.md:5: journey.touchpoints[0].label: '#1 keer' is read as a YAML comment and left out, "
           "so the text is 'Bel ons'; put the whole text in quotes: \"Bel ons #1 keer\"")
    done = build(tmp_path)
    assert done.returncode == 1 and done.output.count(cut) == 1, done.output
    checked = run("check", cwd=tmp_path)
    assert checked.returncode == 1 and checked.stdout.splitlines() == [cut], checked.stdout


SYNTAX_PAGE = """# Een kaart in een pagina

Schrijf dit:

````markdown
```journey
page: journeys/niet-er.md
```
````

of dit:

~~~
```journey
journey:
  touchpoints:
    - {label: A, emotion: hapy}
```
~~~

```journey
journey:
  touchpoints:
    - {label: Echt, score: 3}
```
"""


@pytest.mark.parametrize("fences", ["fenced_code", "pymdownx.superfences"])
def test_a_journey_block_inside_a_longer_fence_is_code(tmp_path, fences):
    # A page that shows the block's syntax had it checked, reported and drawn inside <pre><code>.
    make_site(tmp_path, {"index.md": SYNTAX_PAGE}, extra=f"markdown_extensions:\n  - journeys\n  - {fences}\n")
    done = build(tmp_path)
    assert done.returncode == 0, done.output
    html = done.html("index.html")
    assert html.count('class="jm-figure jm-embed"') == 1 and "Deze klantreiskaart bevat fouten" not in html
    codes = re.findall(r"<pre.*?</pre>", html, re.S)
    assert len(codes) == 2 and all("jm-" not in code for code in codes)
    assert "page: journeys/niet-er.md" in codes[0] and "emotion: hapy" in codes[1]
    checked = run("check", cwd=tmp_path)
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout


def test_a_fence_never_closed_opens_no_code_and_hides_no_block():
    # Python-Markdown reads a fence without its closing fence as text: a ```journey block below it is a map.
    html = markdown.markdown("````\nniet gesloten\n\n" + BLOCK, extensions=["journeys", "fenced_code"])
    assert 'class="jm-figure jm-embed"' in html
    # Nor does a line that starts with inline code: a backtick fence's info holds no backtick (CommonMark).
    html = markdown.markdown("```` ```journey ```` schrijf je zo:\n\n" + BLOCK + "\n````\n",
                             extensions=["journeys", "fenced_code"])
    assert 'class="jm-figure jm-embed"' in html


BROKEN = '---\ntitle: Kapot\njourney:\n  persona: "Stel dat\n  touchpoints: [{label: A}]\n---\n'
MISSPELT = "---\ntitle: Fout\njourney:\n  touchpoints:\n    - {label: A, emotion: hapy}\n---\n"
SHOWS_BROKEN_PAGES = """# Thuis

```journey
page: journeys/kapot.md
```

```journey
page: journeys/kapot.md
```

```journey
page: journeys/fout.md
```

```journey
page: over.md
```
"""


def test_a_block_that_shows_a_broken_journey_page_leaves_its_problems_to_that_page(tmp_path):
    # Each block repeated the page's problems (without the plugin's prefix, naming no line of the home
    # page): --strict counted 6 warnings for 3 problems. Each is reported once, by its own page, in the
    # build and in check; the block shows them in place of the map, and says where it is and why.
    make_site(tmp_path, {"index.md": SHOWS_BROKEN_PAGES, "journeys/kapot.md": BROKEN, "journeys/fout.md": MISSPELT,
                         "over.md": "# Over ons\n"}, extra="markdown_extensions:\n  - journeys\n")
    expected = [
        "docs/index.md:12: page: 'journeys/fout.md' has errors, reported with that page, so its map is not shown here",
        "docs/index.md:16: page: 'over.md' is not a journey page of this site",
        "docs/index.md:4: page: 'journeys/kapot.md' has errors, reported with that page, so its map is not shown here",
        "docs/index.md:8: page: 'journeys/kapot.md' has errors, reported with that page, so its map is not shown here",
        "docs/journeys/fout.md:5: journey.touchpoints[0].emotion: 'hapy' is not one of angry, disappointed, "
        "indifferent, happy (did you mean 'happy'?)",
        "docs/journeys/kapot.md:4: front-matter: YAML does not parse: the \" that opens this value is never closed; "
        "close the quote at the end of the value",
    ]
    done = build(tmp_path)
    assert sorted(re.findall(r"^WARNING +- +journeymaps: (.*)$", done.output, re.M)) == expected, done.output
    assert f"Aborted with {len(expected)} warnings in strict mode!" in done.output
    checked = run("check", cwd=tmp_path)
    assert sorted(checked.stdout.splitlines()) == expected, checked.stdout
    html = build(tmp_path, strict=False).html("index.html")
    assert html.count("Deze klantreiskaart bevat fouten") == 4 and "jm-embed" not in html
    assert html.count("docs/journeys/kapot.md") == 2  # each box says what is wrong, and where


NOT_QUITE_BLOCKS = """# Thuis

```journey
page: journeys/goed.md
title: Onze reis
```

```journey
title: Reis
touchpoints:
  - {label: A, score: 3}
```

```journey
Journey:
  touchpoints: [{label: A, score: 3}]
```

```journey
page:
```

```journey
```

```journey
journey:
  touchpoints: [{label: A, score: 3}]
page: journeys/goed.md
```
"""
GOOD = "---\ntitle: Goed\njourney:\n  touchpoints: [{label: A, score: 3}]\n---\n"


def test_a_block_that_is_neither_page_alone_nor_a_journey_says_what_it_holds_too_much_or_lacks(tmp_path):
    # Each said 'journey: expected a mapping of journey fields, got an empty value': nothing was empty.
    make_site(tmp_path, {"index.md": NOT_QUITE_BLOCKS, "journeys/goed.md": GOOD},
              extra="markdown_extensions:\n  - journeys\n")
    needs = ("journey: a ```journey block needs journey:, with the journey's fields (touchpoints and the rest) "
             "indented under it, or page: alone, naming a journey page")
    expected = [
        "docs/index.md:5: title: a block with page: holds nothing else; remove 'title:', or write the journey itself "
        "in the block, under journey:, without page:",
        f"docs/index.md:9: {needs}",
        "docs/index.md:15: Journey: 'Journey' is not 'journey'; write journey: in lower case, singular",
        "docs/index.md:20: page: expected the path of a journey page, e.g. journeys/verhuizing.md, got an empty value",
        f"docs/index.md:23: {needs}",  # an empty block: its opening fence
        "docs/index.md:29: page: a block holds a journey under journey:, or page: naming a journey page, not both; "
        "remove one of them",
    ]
    done = build(tmp_path)
    assert re.findall(r"^WARNING +- +journeymaps: (.*)$", done.output, re.M) == expected, done.output
    checked = run("check", cwd=tmp_path)
    assert checked.stdout.splitlines() == expected, checked.stdout
    assert build(tmp_path, strict=False).html("index.html").count("Deze klantreiskaart bevat fouten") == 6


def test_a_block_naming_a_page_from_the_docs_folder_says_where_it_looked(tmp_path):
    # On nieuws/x.md, page: journeys/goed.md is nieuws/journeys/goed.md, as a Markdown link is:
    # the message did not say so, and the example on the home page reads as a path from the docs folder.
    make_site(tmp_path, {"nieuws/x.md": "# Nieuws\n\n```journey\npage: journeys/goed.md\n```\n",
                         "journeys/goed.md": GOOD}, extra="markdown_extensions:\n  - journeys\n")
    expected = ["docs/nieuws/x.md:4: page: 'journeys/goed.md' is not a journey page of this site (looked for "
                "nieuws/journeys/goed.md: a link from this page's folder)"]
    assert re.findall(r"^WARNING +- +journeymaps: (.*)$", build(tmp_path).output, re.M) == expected
    assert run("check", cwd=tmp_path).stdout.splitlines() == expected
    (tmp_path / "docs/nieuws/x.md").write_text("```journey\npage: ../journeys/goed.md\n```\n", encoding="utf-8")
    assert build(tmp_path).returncode == 0


def test_a_page_that_is_not_utf8_is_reported_alike_by_the_build_and_check_when_it_holds_a_journey(tmp_path):
    # A Latin-1 page with a block: the build said nothing and drew 'caf\ufffd'; check named the bytes and
    # then skipped the block's own error. A Latin-1 page with no journey failed check and passed the build.
    make_site(tmp_path, {"index.md": "# Thuis\n"}, extra="markdown_extensions:\n  - journeys\n")
    block = "```journey\njourney:\n  persona: caf\xe9\n  touchpoints:\n    - {label: A, emotion: hapy}\n```\n"
    (tmp_path / "docs/latin1.md").write_bytes(("# Caf\xe9\n\n" + block).encode("latin-1"))
    (tmp_path / "docs/gewoon.md").write_bytes("# Caf\xe9 zonder reis\n".encode("latin-1"))
    page = "---\ntitle: Caf\xe9\njourney:\n  touchpoints: [{label: A, score: 2}]\n---\n\n"
    (tmp_path / "docs/beide.md").write_bytes((page + block).encode("latin-1"))
    hapy = ("journey.touchpoints[0].emotion: 'hapy' is not one of angry, disappointed, indifferent, happy "
            "(did you mean 'happy'?)")
    expected = [
        # a journey page says it once, with its journey (not checked), and its block is checked all the same
        "docs/beide.md:2: file: is not UTF-8 text (byte 0xe9); save the file as UTF-8",
        f"docs/beide.md:11: {hapy}",
        "docs/latin1.md:1: file: is not UTF-8 text (byte 0xe9); save the file as UTF-8",
        f"docs/latin1.md:7: {hapy}",
    ]
    done = build(tmp_path)
    assert "Traceback" not in done.output
    reported = re.findall(r"^WARNING +- +journeymaps: (.*)$", done.output, re.M)
    by_line = lambda problem: (problem.split(":")[0], int(problem.split(":")[1]))  # noqa: E731
    assert sorted(reported, key=by_line) == expected, done.output
    checked = run("check", cwd=tmp_path)
    assert checked.stdout.splitlines() == expected, checked.stdout
    # A page with no journey is no journey's to report: the build and check pass it (built with U+FFFD).
    for name in ("beide.md", "latin1.md"):
        (tmp_path / "docs" / name).unlink()
    assert build(tmp_path).returncode == 0 and run("check", cwd=tmp_path).returncode == 0
    assert "Caf\ufffd zonder reis" in build(tmp_path).html("gewoon/index.html")


def test_a_block_that_shows_a_journey_page_that_is_not_utf8_shows_no_map_and_says_so(tmp_path, caplog):
    # The page reported its bytes and showed its error box; a block showing it drew the whole map and said nothing.
    make_site(tmp_path, {"index.md": "# Thuis\n\n```journey\npage: badj.md\n```\n"},
              extra="markdown_extensions:\n  - journeys\n")
    page = b"---\ntitle: Reis\njourney:\n  touchpoints: [{label: A, score: 2}]\n---\n\nCaf\xfe.\n"
    (tmp_path / "docs/badj.md").write_bytes(page)
    bytes_problem = "docs/badj.md:7: file: is not UTF-8 text (byte 0xfe); save the file as UTF-8"
    expected = [
        bytes_problem,
        "docs/index.md:4: page: 'badj.md' has errors, reported with that page, so its map is not shown here",
    ]
    done = build(tmp_path)
    assert sorted(re.findall(r"^WARNING +- +journeymaps: (.*)$", done.output, re.M)) == expected, done.output
    assert run("check", cwd=tmp_path).stdout.splitlines() == expected
    # Checked without the page, the block says what is wrong with it.
    assert run("check", "docs/index.md", cwd=tmp_path).stdout.splitlines() == [bytes_problem]
    html = build(tmp_path, strict=False).html("index.html")
    assert "jm-embed" not in html and "Deze klantreiskaart bevat fouten" in html and "0xfe" in html
    # Without MkDocs, the block reports it, and shows no map either.
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.journeymaps.extension"):
        html = markdown.markdown("```journey\npage: badj.md\n```\n", extensions=["journeys"],
                                 extension_configs={"journeys": {"base_dir": str(tmp_path / "docs")}})
    assert [r.getMessage() for r in caplog.records] == [
        "journeymaps: badj.md:7: file: is not UTF-8 text (byte 0xfe); save the file as UTF-8"]
    assert "jm-embed" not in html and "0xfe" in html
