"""A journey's front-matter is parsed once: MkDocs is handed a journey page
with its `journey:` entry as `journey: null`, and the plugin puts back
what MkDocs would have read (record.read_once). Other plugins, hooks and
templates must see the same page.meta and the same page as before, but
where MkDocs dropped all of it for a value in the journey it cannot read."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from sites import build, make_site

FRONT = """\
---
title: Verhuizing doorgeven
tags: [verhuizen, adres]
custom: {{a: 1, b: [x, y], when: 2026-05-01}}
# a comment between the keys
journey:
  persona: Inwoner die verhuist
  updated: 2026-10-01
  phases: [Zoeken, Melden]
  touchpoints:
    - {{label: Zoekt hoe het werkt, phase: Zoeken, score: 2}}
    - label: Meldt de verhuizing
      phase: Melden
      emotion: happy
      evidence: [{{kind: survey, n: 12, date: 2026-09}}]
description: >
  Hoe een inwoner
  een verhuizing doorgeeft.
after: {n}
---

Het verhaal, met een regel die zelf `journey: null` zou kunnen lijken.
"""

# A hook (MkDocs' own `hooks:`, at the default priority, so after the plugin
# put the journey back) that writes each page's meta and Markdown to a file.
HOOK = """
import json, pathlib

def on_page_markdown(markdown, page, config, files):
    out = pathlib.Path(config.config_file_path).parent / "meta" / (page.file.src_uri.replace("/", "_") + ".json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"meta": page.meta, "markdown": markdown}, default=str, sort_keys=True), encoding="utf-8")
"""


def built_meta(root: Path, enabled: bool) -> dict[str, dict]:
    (root / "hook.py").write_text(HOOK, encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - journeys:\n", f"  - journeys:\n      enabled: {str(enabled).lower()}\n")
    (root / "mkdocs.yml").write_text(config + "hooks: [hook.py]\n", encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.output
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in (root / "meta").glob("*.json")}


SMALL = "journey:\n  touchpoints:\n    - {label: Belt, score: 4}\n"
# Pages MkDocs reads otherwise than the plugin, or not at all: each must
# come out as MkDocs reads it (a helper's review found each of these).
ODD = {
    # PyYAML's constructor fails outside the journey: MkDocs keeps no meta at all.
    "onmogelijke-datum.md": f"---\ntitle: Reis\nwhen: 2026-02-30\n{SMALL}---\nTekst.\n",
    # YAML counts a line at U+2028, "\n" does not: the cut would land elsewhere.
    "regelscheiding.md": f'---\nt: "a\u2028b\u2028c\u2028d"\n{SMALL}d: |\n  x\n  y\ne: 1\n---\nTekst.\n',
    # MkDocs wants a line end after the closing fence.
    "geen-regeleinde.md": f"---\ntitle: Reis\n{SMALL}---",
}


# Inside the journey, where the plugin keeps the text (a label may be '2026-02-30'): MkDocs alone keeps
# no meta at all, and the page loses its title. Handed the rest alone, it reads the title.
IN_JOURNEY = {"datum-in-reis.md": "---\ntitle: Reis\njourney:\n  touchpoints:\n    - {label: 2026-02-30, score: 4}\n"
                                  "---\nTekst.\n"}


def test_pages_read_once_look_to_mkdocs_as_pages_read_twice(tmp_path):
    pages = {
        **IN_JOURNEY,
        "index.md": "# Thuis\n",
        "reis.md": FRONT.format(n=1),
        "laatste.md": FRONT.format(n=2).replace("after: 2\n", "").replace("description: >\n  Hoe een inwoner\n"
                                                                        "  een verhuizing doorgeeft.\n", ""),
        **ODD,
    }
    ours = make_site(tmp_path / "ours", pages, plugin_options="tags: false")
    (ours / "docs/windows.md").write_bytes(FRONT.format(n=3).replace("\n", "\r\n").encode("utf-8"))
    theirs = make_site(tmp_path / "theirs", pages, plugin_options="tags: false")
    (theirs / "docs/windows.md").write_bytes((ours / "docs/windows.md").read_bytes())

    with_plugin = built_meta(ours, enabled=True)
    without = built_meta(theirs, enabled=False)  # MkDocs' own reading of every page
    assert sorted(without) == sorted(["index.md", "laatste.md", "reis.md", "windows.md", *ODD, *IN_JOURNEY])
    for page in set(without) - set(IN_JOURNEY):  # the plugin also adds pages of its own
        assert with_plugin[page] == without[page], page
    assert without["datum-in-reis.md"]["meta"] == {}
    assert with_plugin["datum-in-reis.md"]["meta"] == {
        "title": "Reis", "journey": {"touchpoints": [{"label": "2026-02-30", "score": 4}]}}
    assert with_plugin["reis.md"]["meta"]["journey"]["touchpoints"][1]["evidence"] == [
        {"kind": "survey", "n": 12, "date": "2026-09"}]

    # The shortcut was taken for the two ordinary pages, the CR LF one and the date in the journey
    # (read with LF line ends, as MkDocs reads it), not for the odd ones, and
    # nothing of the cut shows on the built pages.
    records = [json.loads(path.read_text(encoding="utf-8"))
               for path in (ours / ".cache/plugin/journeys").glob("*.json")]
    cuts = sorted(record["cut"] for record in records if isinstance(record, dict) and record.get("cut"))
    assert cuts == [[2, 5], [5, 15], [5, 15], [5, 15]], cuts  # from `journey:` to `description:` or the closing ---
    for page in ("reis", "laatste", "windows"):
        html = (ours / "site" / page / "index.html").read_text(encoding="utf-8")
        assert "Het verhaal, met een regel" in html and "<svg" in html
        assert html.count("journey: null") == 1, page  # only the body's own


def test_a_top_level_flow_mapping_is_read_by_mkdocs_as_it_was(tmp_path):
    flow = textwrap.dedent("""\
        ---
        {title: Kort, journey: {touchpoints: [{label: Belt, score: 4}]}}
        ---
        Tekst.
        """)
    root = make_site(tmp_path, {"index.md": "# Thuis\n", "kort.md": flow})
    meta = built_meta(root, enabled=True)
    assert meta["kort.md"]["meta"]["journey"] == {"touchpoints": [{"label": "Belt", "score": 4}]}
    assert "<svg" in (root / "site/kort/index.html").read_text(encoding="utf-8")


def test_fields_that_materials_meta_plugin_adds_are_escaped_too(tmp_path):
    """Material's meta plugin adds the fields of .meta.yml files to page.meta
    (at priority 50): the plugin escapes them after it, as before it put
    journeys back first."""
    root = make_site(tmp_path, {"index.md": "# Thuis\n", "sub/reis.md": f"---\ntitle: Reis\n{SMALL}---\nTekst.\n"},
                     extra="")
    (root / "docs/sub/.meta.yml").write_text('tags: ["<b>x</b>", telefoon]\ndescription: "a <i>b</i>"\n',
                                             encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - meta\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs/sub/reis.md").write_text(
        f"---\ntitle: Reis\n{SMALL.replace('score: 4', 'score: 4, channel: telefoon')}---\nTekst.\n", encoding="utf-8")
    meta = built_meta(root, enabled=True)["sub_reis.md"]["meta"]
    assert meta["tags"] == ["&lt;b&gt;x&lt;/b&gt;", "telefoon"]  # escaped, and the journey's channel not twice
    assert meta["description"] == "a &lt;i&gt;b&lt;/i&gt;"
    assert meta["journey"]["touchpoints"][0]["channel"] == "telefoon"


def test_a_journey_with_a_value_mkdocs_cannot_read_keeps_the_pages_title_and_tags(tmp_path):
    # MkDocs' reader drops the whole front-matter on an impossible date, so the page of a journey
    # with that mistake was headed by its file's name ('T25'), its tags gone, besides the error.
    page = ("---\ntitle: Verhuizing melden\ntags: [verhuizen]\njourney:\n  touchpoints:\n    - label: A\n"
            "      evidence: [{kind: survey, date: 2026-02-30}]\n---\nTekst\n")
    make_site(tmp_path, {"index.md": "# Home\n", "t25.md": page},
              extra="plugins:\n  - search\n  - tags\n  - journeys\n")
    done = build(tmp_path, strict=False)
    assert "docs/t25.md:7: journey.touchpoints[0].evidence[0].date: '2026-02-30' is not a day" in done.output
    html = done.html("t25/index.html")
    assert '<h1 id="jm-title">Verhuizing melden</h1>' in html and ">verhuizen<" in html
