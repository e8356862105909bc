"""```journey blocks: a map in any Markdown, with or without MkDocs."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET

import markdown

from sites import build, make_site

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


def test_block_errors_name_the_line_and_log_a_warning(caplog):
    text = "# Titel\n\n```journey\njourney:\n  touchpoints:\n    - {label: A, emotion: hapy}\n```\n"
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.journeymaps.extension"):
        html = markdown.markdown(text, extensions=["journeys"])
    expected = ("<markdown>:6: journey.touchpoints[0].emotion: 'hapy' is not one of angry, disappointed, "
                "indifferent, happy (did you mean 'happy'?)")
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
    assert "<svg" in html
    make_site(tmp_path / "site", {"index.md": "# Thuis\n\n```journey\npage: reis.md\n```\n"},
              extra="markdown_extensions:\n  - journeys\n")
    (tmp_path / "site/docs/reis.md").write_bytes(LATIN_1)
    strict = build(tmp_path / "site")
    assert strict.returncode != 0 and "Traceback" not in strict.output, strict.output
    assert "docs/reis.md:2: file: is not UTF-8 text (byte 0xe9)" in strict.output
    assert build(tmp_path / "site", strict=False).returncode == 0
