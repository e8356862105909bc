"""The disk cache: a rebuild takes unchanged maps and pages from it, and
never serves anything stale. Every check compares a rebuild that used the
cache with a build of the same pages, in another folder, with the cache
turned off: they must be the same site, byte for byte."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from journeymaps.cache import Cache, used_list
from sites import build, make_site
from test_determinism import unstamped

BEFORE = """\
---
title: Vandaag
journey:
  owner: Burgerzaken
  phases: [Aanvragen, Wachten]
  touchpoints:
    - {label: Formulier invullen, phase: Aanvragen, score: 2, related: uitleg.md}
    - {label: Wachten op post, phase: Wachten, score: 3}
---
"""
AFTER = """\
---
title: Ontwerp
journey:
  owner: Burgerzaken
  status: to-be
  baseline: vandaag.md
  phases: [Aanvragen, Wachten]
  touchpoints:
    - {label: Formulier invullen, phase: Aanvragen, score: 4}
    - {label: Wachten op post, phase: Wachten, score: 4}
---
"""
# `related` names a journey that zooms into the moment
UITLEG = "---\ntitle: Uitleg\njourney:\n  touchpoints: [{label: Formulier lezen, score: 3}]\n---\n"
PAGES = {"index.md": "# Thuis\n", "uitleg.md": UITLEG, "vandaag.md": BEFORE, "ontwerp.md": AFTER}
MADE = re.compile(r"checks, maps and page parts: (\d+) made, (\d+) from the cache")


def entries(cache: Path) -> set[str]:
    """The names of the cache's entries (not its stamps, nor the lists of what builds used)."""
    return {p.name for p in cache.iterdir() if re.match(r"[0-9a-f]{64}\.", p.name)}


def site(root: Path, pages: dict[str, str], options: str = "") -> Path:
    return make_site(root, pages, plugin_options=options)


def made(output: str) -> tuple[int, int]:
    """(made, taken from the cache), as the build reports them."""
    found = MADE.search(output)
    assert found, output
    return int(found.group(1)), int(found.group(2))


def add_hook(root: Path, name: str, code: str) -> None:
    """A hook file `name` in the site, listed under `hooks:`."""
    (root / name).write_text(code, encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"hooks: [{name}]\n")


def assert_same_site(first: Path, second: Path) -> None:
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [str(f) for f in files if unstamped(first / f) != unstamped(second / f)] == []


def rebuild_matches_fresh(cached: Path, tmp_path: Path, pages: dict[str, str], options: str = "",
                          *arguments: str) -> tuple[int, int]:
    """Build `cached` again (with any command-line `arguments`); build the same
    pages without a cache elsewhere; compare."""
    warm = build(cached, *arguments, strict="--dirty" not in arguments)  # MkDocs warns about --dirty itself
    assert warm.returncode == 0, warm.output
    fresh_root = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
    fresh = build(site(fresh_root, pages, (options + "\ncache: false").strip()))
    assert fresh.returncode == 0, fresh.output
    assert not (fresh_root / ".cache").exists()
    assert_same_site(cached / "site", fresh_root / "site")
    return made(warm.output)


def test_a_rebuild_takes_everything_from_the_cache(tmp_path):
    root = site(tmp_path / "site", PAGES)
    first = build(root)
    assert first.returncode == 0, first.output
    assert made(first.output)[0] > 0
    assert any((root / ".cache/plugin/journeys").iterdir())
    assert rebuild_matches_fresh(root, tmp_path, PAGES)[0] == 0


def test_an_edited_journey_is_drawn_again_and_only_it(tmp_path):
    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    pages = {**PAGES, "uitleg.md": UITLEG + "\nMeer tekst.\n",
             "ontwerp.md": AFTER.replace("score: 4}\n---", "score: 1}\n---")}
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    drawn, kept = rebuild_matches_fresh(root, tmp_path, pages)
    assert 0 < drawn and kept > 0
    assert "jm-verdict--disappointed" in (root / "site/ontwerp/index.html").read_text()


def test_an_edit_to_a_journey_pages_prose_only_checks_the_page_again(tmp_path):
    # Editors write the story below the front-matter, saving as they go under
    # `mkdocs serve`: the map, the page's part, the download, the kiosk's
    # picture and every list stay as they were, also the redesign's map
    # compared with this journey.
    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    before = entries(root / ".cache/plugin/journeys")
    pages = {**PAGES, "vandaag.md": BEFORE + "\nZo vragen inwoners het vandaag aan.\n"}
    (root / "docs/vandaag.md").write_text(pages["vandaag.md"], encoding="utf-8")
    assert rebuild_matches_fresh(root, tmp_path, pages)[0] == 1  # the page's check
    assert len(entries(root / ".cache/plugin/journeys") - before) == 1
    assert "Zo vragen inwoners het vandaag aan." in (root / "site/vandaag/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("edit", [
    pytest.param(lambda text: text.replace("title: Vandaag", "title: Vandaag, per post"), id="title"),
    pytest.param(lambda text: text.replace("title: Vandaag", "title: Vandaag\ntags: [Post]"), id="tags"),
])
def test_what_lists_show_of_a_journey_page_besides_its_journey_is_made_again(tmp_path, edit):
    # The catalogue, the comparison on the redesign and the kiosk's playlist
    # show a journey page's title and tags.
    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    pages = {**PAGES, "vandaag.md": edit(BEFORE)}
    assert pages["vandaag.md"] != BEFORE
    (root / "docs/vandaag.md").write_text(pages["vandaag.md"], encoding="utf-8")
    assert rebuild_matches_fresh(root, tmp_path, pages)[0] > 1


WASTE = """\
---
title: Afvalpas
journey:
  owner: Afvalbeheer
  phases: [Aanvragen]
  touchpoints:
    - {label: Pas aanvragen, phase: Aanvragen, score: 4}
    - {label: Pas ophalen, phase: Aanvragen, score: 2, owner: Klantcontactcentrum}
---
"""


def department_parts(root: Path) -> dict[str, Path]:
    """Each department page's part in the cache, by department."""
    parts = {}
    for part in (root / ".cache/plugin/journeys").glob("*.part"):
        text = part.read_text(encoding="utf-8")
        found = re.search(r'jm-owner-moments[^"]*"[^>]*>\s*<caption>([^<]*)</caption>', text)
        if found:
            parts[found.group(1)] = part
    return parts


def test_an_edited_journey_makes_again_only_the_pages_of_the_departments_it_names(tmp_path):
    # Under `mkdocs serve` every journey's edit made every department's page
    # again; most journeys name a few departments of many.
    pages = {**PAGES, "afval.md": WASTE}
    root = site(tmp_path / "site", pages)
    assert build(root).returncode == 0
    before = department_parts(root)
    assert len(before) == 3, before.keys()
    stamp = lambda part: (part.name, part.stat().st_ino, part.stat().st_mtime_ns)  # noqa: E731
    untouched = {name: stamp(part) for name, part in before.items() if "Burgerzaken" not in name}
    edited = {**pages, "vandaag.md": BEFORE.replace("score: 3}", "score: 1}")}
    (root / "docs/vandaag.md").write_text(edited["vandaag.md"], encoding="utf-8")
    rebuild_matches_fresh(root, tmp_path, edited)
    after = department_parts(root)
    assert {name: stamp(part) for name, part in after.items() if name in untouched} == untouched
    assert after[next(name for name in after if "Burgerzaken" in name)].name != \
        before[next(name for name in before if "Burgerzaken" in name)].name
    # A moment handed to another department changes that department's page
    # too, though the journey did not name it before.
    moved = {**edited, "afval.md": WASTE.replace("owner: Klantcontactcentrum", "owner: Burgerzaken")}
    (root / "docs/afval.md").write_text(moved["afval.md"], encoding="utf-8")
    rebuild_matches_fresh(root, tmp_path, moved)
    assert "Pas ophalen" in (root / "site/owners/burgerzaken/index.html").read_text(encoding="utf-8")
    assert not (root / "site/owners/klantcontactcentrum/index.html").exists()


def test_a_department_page_follows_its_name_when_slugs_shift(tmp_path):
    # 'R&D' and 'R-D' are both named by one journey, so their pages share the
    # journeys they are made from; a third name like them ('R D', in a journey
    # earlier by title) shifts the slugs: owners/r-d-2 becomes another
    # department's page.
    def journey(title: str, owner: str, moments: str) -> str:
        return f"---\ntitle: {title}\njourney:\n  owner: {owner}\n  phases: [Aanvragen]\n  touchpoints:\n{moments}---\n"

    both = journey("Beta reis", "R&D", "    - {label: Eerste, phase: Aanvragen, score: 2}\n"
                                       "    - {label: Tweede, phase: Aanvragen, score: 4, owner: R-D}\n")
    pages = {"index.md": "# Thuis\n", "a.md": both,
             "k.md": journey("Alpha reis", "Burgerzaken", "    - {label: Iets, phase: Aanvragen, score: 3}\n")}
    root = site(tmp_path / "site", pages)
    assert build(root).returncode == 0
    shifted = {**pages, "k.md": pages["k.md"].replace("owner: Burgerzaken", "owner: R D")}
    (root / "docs/k.md").write_text(shifted["k.md"], encoding="utf-8")
    rebuild_matches_fresh(root, tmp_path, shifted)
    (root / "docs/k.md").write_text(pages["k.md"], encoding="utf-8")
    rebuild_matches_fresh(root, tmp_path, pages)


# A hook after the plugin's on_files that moves a journey's page when a file
# named `move` is there (as a plugin that arranges URLs might).
MOVE_LATER = """
from pathlib import Path
from mkdocs.plugins import event_priority
@event_priority(-100)
def on_files(files, config):
    if (Path(config.config_file_path).parent / "move").exists():
        file = files.get_file_from_path("afval.md")
        file.dest_uri = "elders/index.html"
        for name in ("url", "abs_dest_path"):
            file.__dict__.pop(name, None)
    return files
"""


def test_lists_follow_a_journey_another_plugin_moves_after_this_one(tmp_path):
    pages = {**PAGES, "afval.md": WASTE}
    root = site(tmp_path / "site", pages)
    add_hook(root, "move_later.py", MOVE_LATER)
    assert build(root).returncode == 0
    (root / "move").write_text("", encoding="utf-8")
    assert build(root).returncode == 0
    assert "elders/" in (root / "site/owners/afvalbeheer/index.html").read_text(encoding="utf-8")
    fresh = site(tmp_path / "fresh", pages, "cache: false")
    add_hook(fresh, "move_later.py", MOVE_LATER)
    (fresh / "move").write_text("", encoding="utf-8")
    assert build(fresh).returncode == 0 and not (fresh / ".cache").exists()
    assert_same_site(root / "site", fresh / "site")


def test_a_changed_baseline_redraws_the_redesign_compared_with_it(tmp_path):
    # The redesign's own file does not change; its map and table compare it with the baseline.
    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    before = (root / "site/ontwerp/index.html").read_text()
    pages = {**PAGES, "vandaag.md": BEFORE.replace("score: 2,", "score: 5,")}
    (root / "docs/vandaag.md").write_text(pages["vandaag.md"], encoding="utf-8")
    rebuild_matches_fresh(root, tmp_path, pages)
    assert (root / "site/ontwerp/index.html").read_text() != before


@pytest.mark.parametrize("options", ["", "download: false"])
def test_a_removed_related_page_is_reported_again(tmp_path, options):
    # Whether `related` points at a page is not in the journey's own file;
    # the catalogue, department pages and kiosk then leave the journey out.
    root = site(tmp_path / "site", PAGES, options)
    assert build(root).returncode == 0
    (root / "docs/uitleg.md").unlink()
    warm = build(root, strict=False)
    assert "vandaag.md:7: journey.touchpoints[0].related:" in warm.output
    before, _, cards = (root / "site/journeys/index.html").read_text().partition('class="jm-cards"')
    assert "Vandaag" not in cards and ">Vandaag</a>" in before.split('class="jm-catalogue__broken"')[1]  # named apart
    pages = {k: v for k, v in PAGES.items() if k != "uitleg.md"}
    fresh = build(site(tmp_path / "fresh", pages, (options + "\ncache: false").strip()), strict=False)
    assert_same_site(root / "site", tmp_path / "fresh/site")
    assert [line for line in warm.output.splitlines() if "WARNING" in line] == \
           [line for line in fresh.output.splitlines() if "WARNING" in line]


def test_a_rebuild_from_the_cache_warns_again_of_text_a_yaml_comment_cut_short(tmp_path):
    # A warning that is not a problem (the map is drawn) must come back with the check from the cache, or a warm
    # --strict build passes where the cold one failed.
    cut = "---\njourney:\n  touchpoints:\n    - label: Wacht op brief #2\n      score: 3\n---\n"
    root = site(tmp_path / "site", {**PAGES, "brief.md": cut})
    warning = ("docs/brief.md:4: journey.touchpoints[0].label: '#2' is read as a YAML comment and left out, "
               "so the text is 'Wacht op brief'")
    cold = build(root, strict=False)
    assert cold.returncode == 0 and cold.output.count(warning) == 1, cold.output
    warm = build(root, strict=False)
    assert made(warm.output)[0] == 0 and warm.output.count(warning) == 1, warm.output
    strict = build(root)
    assert strict.returncode == 1 and made(strict.output)[0] == 0 and warning in strict.output, strict.output


def test_changed_options_and_templates_make_everything_new(tmp_path):
    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    colours = "colors:\n  set: viridis"
    site(root, PAGES, colours)
    drawn, _ = rebuild_matches_fresh(root, tmp_path, PAGES, colours)
    assert drawn > 0 and 'fill="#fde725"' in (root / "site/ontwerp/index.html").read_text()
    # A site's own copy of a journey template is part of the input too.
    template = (Path(__file__).parent.parent / "plugins/journeymaps/templates/journeys/figure.html").read_text()
    (root / "overrides/journeys").mkdir(parents=True)
    (root / "overrides/journeys/figure.html").write_text(template.replace("jm-figure", "jm-figure eigen-figuur"))
    config = (root / "mkdocs.yml").read_text().replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    (root / "mkdocs.yml").write_text(config)
    assert build(root).returncode == 0
    assert "eigen-figuur" in (root / "site/ontwerp/index.html").read_text()
    fresh = tmp_path / "fresh-template"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns(".cache", "site"))
    (fresh / "mkdocs.yml").write_text(config.replace("  - journeys:\n", "  - journeys:\n      cache: false\n"))
    assert build(fresh).returncode == 0 and not (fresh / ".cache").exists()
    assert_same_site(root / "site", fresh / "site")


def test_the_cache_is_safe_to_delete_or_damage(tmp_path):
    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    cache = root / ".cache/plugin/journeys"
    shutil.rmtree(cache)
    assert rebuild_matches_fresh(root, tmp_path, PAGES)[1] == 0
    # Damaged records are checked again; a build stopped while writing leaves
    # only temporary files, which are never read and are removed.
    for entry in cache.glob("*.json"):
        entry.write_text('{"problems": [', encoding="utf-8")
    (cache / ".tmp-half-written").write_text("<svg", encoding="utf-8")
    rebuild_matches_fresh(root, tmp_path, PAGES)
    assert not (cache / ".tmp-half-written").exists()


def test_damaged_page_parts_are_made_again(tmp_path):
    # A page part is its search text's length on the first line, then the
    # text and the HTML as they are.
    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    parts = list((root / ".cache/plugin/journeys").glob("*.part"))
    assert len(parts) >= 2 and all(part.read_text(encoding="utf-8").split("\n", 1)[0].isdigit() for part in parts)
    damages = ["", "99999999\nkort", "²\n<p>"]  # empty, a length beyond the end, a digit int() refuses
    assert len(parts) >= len(damages)
    for number, part in enumerate(parts):
        part.write_text(damages[number % len(damages)], encoding="utf-8")
    made_again, _ = rebuild_matches_fresh(root, tmp_path, PAGES)
    assert made_again == len(parts)


# A hook that, once every page's content is made (on_env, after the plugin's
# own), damages or removes every page part: two builds sharing a cache folder
# can do that to each other. The parts are read again as each page is written.
TAKE_PARTS_AWAY = """
from pathlib import Path
def on_env(env, config, files):
    cache = Path(config.config_file_path).parent / ".cache/plugin/journeys"
    for number, part in enumerate(sorted(cache.glob("*.part"))):
        part.unlink() if number % 2 else part.write_text("99999999\\nkort", encoding="utf-8")
"""


@pytest.mark.parametrize("cached_before", [False, True])
def test_page_parts_lost_before_their_pages_are_written_are_made_again(tmp_path, cached_before):
    root = site(tmp_path / "site", PAGES)
    cache = root / ".cache/plugin/journeys"
    if cached_before:
        assert build(root).returncode == 0
        assert made(build(root).output)[0] == 0
        entries_before = len(entries(cache))
    add_hook(root, "take_parts_away.py", TAKE_PARTS_AWAY)
    # Pages that list journeys, and journey pages (a redesign among them),
    # made again after the build let go of the journeys' models.
    made_again, kept = rebuild_matches_fresh(root, tmp_path, PAGES)
    parts = list(cache.glob("*.part"))
    assert len(parts) == 7  # 3 journey pages, the catalogue, the overview, the department and their index
    assert all(part.read_text(encoding="utf-8").split("\n", 1)[0].isdigit() for part in parts)  # whole again
    if cached_before:  # read from the cache, taken away, made again as each page is written
        assert (made_again, kept) == (7, entries_before - 7)


# A hook that, once every page's content is made and before MkDocs copies the
# downloads and kiosk pictures linked from the cache, deletes the cache folder
# or every map in it: someone clearing `.cache` while `mkdocs serve` rebuilds,
# or a build of another site sharing the folder removing what it did not use.
DELETE_FROM_THE_CACHE = """
import shutil
from pathlib import Path
from mkdocs.plugins import event_priority
@event_priority(-100)
def on_env(env, config, files):
    cache = Path(config.config_file_path).parent / ".cache"
    if {folder!r}:
        shutil.rmtree(cache)
    for entry in cache.glob("plugin/journeys/*.svg"):
        entry.unlink()
"""


@pytest.mark.parametrize("folder", [True, False], ids=["folder", "maps"])
@pytest.mark.parametrize("cached_before", [False, True], ids=["cold", "warm"])
def test_a_cache_deleted_while_a_build_runs_costs_time_not_the_build(tmp_path, cached_before, folder):
    root = site(tmp_path / "site", PAGES)
    if cached_before:
        assert build(root).returncode == 0
    add_hook(root, "delete_from_the_cache.py", DELETE_FROM_THE_CACHE.format(folder=folder))
    rebuild_matches_fresh(root, tmp_path, PAGES)  # no traceback, every download and kiosk picture in place
    assert (root / "site/kiosk/playlist.json").is_file() and list((root / "site/kiosk/maps").glob("*.svg"))
    # What was made again is kept: the folder comes back, and a build after
    # one that lost only maps finds everything.
    assert len(list((root / ".cache/plugin/journeys").glob("*.download.svg"))) == 3
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("hooks: [delete_from_the_cache.py]\n", ""), encoding="utf-8")
    if not folder:
        assert made(build(root).output)[0] == 0


# A hook under which every cache entry goes just before it is linked into the
# site, the second time too: the race above lost every time.
DELETE_BEFORE_EACH_LINK = """
import os
from pathlib import Path
real_link = os.link
def on_config(config):
    cache = str(Path(config.config_file_path).parent / ".cache")
    def link(source, destination, **options):
        if str(source).startswith(cache):
            Path(source).unlink(missing_ok=True)
        return real_link(source, destination, **options)
    os.link = link
"""


@pytest.mark.parametrize("cached_before", [False, True], ids=["cold", "warm"])
def test_an_entry_that_goes_again_after_it_was_made_again_costs_time_not_the_build(tmp_path, cached_before):
    root = site(tmp_path / "site", PAGES)
    if cached_before:
        assert build(root).returncode == 0
    add_hook(root, "delete_before_each_link.py", DELETE_BEFORE_EACH_LINK)
    rebuild_matches_fresh(root, tmp_path, PAGES)  # no traceback, every download and kiosk picture in place
    assert len(list((root / "site/kiosk/maps").glob("*.svg"))) == 3


def test_lists_taken_out_or_drafts_are_not_made(tmp_path):
    # The catalogue, department pages and overview are made before the first
    # page: only those still among the site's files, and not drafts.
    root = site(tmp_path / "site", PAGES)
    (root / "drop_catalogue.py").write_text(
        "from mkdocs.plugins import event_priority\n"
        "@event_priority(-100)\n"  # after the plugin's on_files
        "def on_files(files, config):\n"
        "    files.remove(files.get_file_from_path('journeys/index.md'))\n", encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks: [drop_catalogue.py]\ndraft_docs: overview/\n")
    done = build(root, strict=False)  # the generated navigation still names the catalogue
    assert done.returncode == 0 and "Traceback" not in done.output, done.output
    assert not (root / "site/journeys/index.html").exists() and not (root / "site/overview/index.html").exists()
    assert (root / "site/owners/index.html").exists() and (root / "site/ontwerp/index.html").exists()
    assert len(list((root / ".cache/plugin/journeys").glob("*.part"))) == 5  # 3 journeys, the department, their index


def test_an_error_in_a_list_names_the_list(tmp_path):
    # A site's own template for the catalogue that does not render.
    root = site(tmp_path / "site", PAGES)
    (root / "overrides/journeys").mkdir(parents=True)
    (root / "overrides/journeys/catalogue.html").write_text("{{ 1 / 0 }}", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text().replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    done = build(root)
    assert done.returncode != 0 and "Error reading page 'journeys/index.md'" in done.output, done.output


def test_carriage_returns_come_back_from_the_cache_as_they_were(tmp_path):
    # Read in text mode, an entry's "\r" came back as "\n". (Labels no longer
    # hold one: the model reads a line break as a browser does.)
    Cache(tmp_path, salt="test").put("a", ".part", "Wachten\rop\r\npost")
    assert Cache(tmp_path, salt="test").get("a", ".part") == "Wachten\rop\r\npost"


def test_downloads_and_kiosk_maps_are_the_cache_entries_linked_and_readable(tmp_path):
    # Writing them again on every build cost a slow disk more than drawing
    # them once: the site's file is a hard link to the entry.
    root = site(tmp_path / "site", PAGES)
    with umask(0o077):  # a private first build ...
        assert build(root).returncode == 0
    entries = {entry.stat().st_ino for entry in (root / ".cache/plugin/journeys").glob("*.svg")}
    maps = list((root / "site").rglob("*.svg"))
    assert len(maps) == 6  # three downloads, three kiosk maps
    assert all(svg.stat().st_ino in entries for svg in maps)
    assert {stat.S_IMODE(svg.stat().st_mode) for svg in maps} == {0o600}
    with umask(0o022):  # ... then one a web server must read: the maps follow, like the pages
        assert build(root).returncode == 0
    assert stat.S_IMODE((root / "site/index.html").stat().st_mode) == 0o644
    assert {stat.S_IMODE(svg.stat().st_mode) for svg in (root / "site").rglob("*.svg")} == {0o644}


@pytest.mark.parametrize("keep_time", [False, True], ids=["plain write", "same size, time put back"])
def test_a_site_file_changed_in_place_is_not_taken_into_the_next_build(tmp_path, keep_time):
    # A tool that rewrites a built file in place writes into the cache entry
    # it is linked to; the next build must notice and draw it again, even
    # when the size stays and the modification time is put back.
    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    for svg in (root / "site").rglob("*.svg"):
        before = svg.stat()
        with open(svg, "r+b") as out:
            out.write(b"<!-- minified -->")
        if keep_time:
            os.utime(svg, ns=(before.st_atime_ns, before.st_mtime_ns))
            assert svg.stat().st_size == before.st_size
    made_again, _ = rebuild_matches_fresh(root, tmp_path, PAGES)
    assert made_again >= 4


def test_dirty_builds_and_a_cache_turned_off_leave_no_stale_map(tmp_path):
    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    cache = root / ".cache/plugin/journeys"
    entries = {entry: entry.read_bytes() for entry in cache.glob("*.svg")}
    edited = {**PAGES, "vandaag.md": BEFORE.replace("score: 2", "score: 1")}
    # The site keeps its linked files; without a cache they are written anew,
    # never through the link into the entries.
    site(root, edited, "cache: false")
    rebuild_matches_fresh(root, tmp_path, edited, "", "--dirty")
    assert {entry: entry.read_bytes() for entry in cache.glob("*.svg")} == entries
    site(root, PAGES)
    rebuild_matches_fresh(root, tmp_path, PAGES, "", "--dirty")
    site(root, edited)
    rebuild_matches_fresh(root, tmp_path, edited, "", "--dirty")


@contextmanager
def umask(mask: int):
    """Builds started inside create their files with `mask`."""
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def test_the_cache_holds_what_the_last_build_used(tmp_path):
    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    cache = root / ".cache/plugin/journeys"
    (root / "docs/ontwerp.md").unlink()
    assert build(root).returncode == 0
    left = {p.name for p in cache.iterdir()}
    shutil.rmtree(cache)
    assert build(root).returncode == 0
    assert {p.name for p in cache.iterdir()} == left


def test_a_build_removes_only_what_the_cache_wrote(tmp_path):
    """Even with `cache_dir` set to the site's own folder, the entries a build
    did not use go, and nothing else in the folder does."""
    root = site(tmp_path / "site", PAGES, "cache_dir: .")
    (root / "notes.txt").write_text("mine", encoding="utf-8")
    unused = root / ("0" * 64 + ".part")
    unused.write_text("an entry no build uses", encoding="utf-8")
    assert build(root).returncode == 0
    assert any(root.glob("*.part")) and not unused.exists()
    assert (root / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert rebuild_matches_fresh(root, tmp_path, PAGES, "cache_dir: .")[0] == 0
    assert {"mkdocs.yml", "notes.txt", "docs", "site", "stamps.json"} <= {p.name for p in root.iterdir()}


def test_two_sites_built_from_one_folder_keep_their_own_caches(tmp_path):
    """mkdocs.yml and mkdocs.en.yml over the same pages: built in turn, neither
    build removes what the other uses; a `cache_dir` that is set is used as set."""
    root = site(tmp_path / "site", PAGES)
    dutch = (root / "mkdocs.yml").read_text(encoding="utf-8")
    english = dutch.replace("language: nl", "language: en") + "site_dir: site-en\n"
    (root / "mkdocs.en.yml").write_text(english, encoding="utf-8")
    outputs = [build(root, *config) for config in ([], ["-f", "mkdocs.en.yml"], [], ["-f", "mkdocs.en.yml"])]
    assert all(output.returncode == 0 for output in outputs), [output.output for output in outputs]
    assert [made(output.output)[0] > 0 for output in outputs] == [True, True, False, False]
    assert any((root / ".cache/plugin/journeys").glob("*.part"))
    assert any((root / ".cache/plugin/journeys-mkdocs.en").glob("*.part"))
    (root / "mkdocs.en.yml").write_text(english.replace("- journeys", "- journeys:\n      cache_dir: shared"))
    assert build(root, "-f", "mkdocs.en.yml").returncode == 0
    assert any((root / "shared").glob("*.part"))
    # A configuration read from standard input (`-f -`: no file name) uses the default folder.
    shutil.rmtree(root / ".cache")
    piped = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "-"], cwd=root, input=dutch,
                           capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert piped.returncode == 0, piped.stderr
    assert [folder.name for folder in (root / ".cache/plugin").iterdir()] == ["journeys"]


@pytest.mark.parametrize("flat", ["--no-directory-urls", "offline"])
def test_one_site_built_in_turn_with_and_without_directory_urls_keeps_both_caches(tmp_path, flat):
    root = site(tmp_path / "site", PAGES)

    def build_in(style: str, options: str = ""):
        # Material's offline plugin, after this one, turns directory URLs off.
        plugins = ("  - journeys" + (f":\n      {options}" if options else "")
                   + ("\n  - offline" if style == "offline" else ""))
        site(root, {}, options)
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(re.sub(r"  - journeys.*", plugins, config, flags=re.S), encoding="utf-8")
        return build(root, *([style] if style.startswith("--") else []))
    outputs = [build_in(style) for style in ("", flat, "", flat)]
    assert all(output.returncode == 0 for output in outputs), [output.output for output in outputs]
    assert [made(output.output)[0] > 0 for output in outputs] == [True, True, False, False]
    assert (root / "site/vandaag.html").exists() and not (root / "site/vandaag/index.html").exists()
    # The plugin's options changed: what the old ones used goes.
    before = entries(root / ".cache/plugin/journeys")
    assert build_in("", "kiosk: false").returncode == 0 and build_in(flat, "kiosk: false").returncode == 0
    assert not before & entries(root / ".cache/plugin/journeys")


def test_two_sites_named_mkdocs_yml_sharing_a_cache_dir_keep_their_own_entries(tmp_path):
    """Two sites in two folders, each with its own `mkdocs.yml`, and one
    `cache_dir`: built in turn, neither removes what the other uses."""
    shared = tmp_path / "shared-cache"
    roots = [site(tmp_path / name, {"uitleg.md": UITLEG, "vandaag.md": BEFORE.replace("score: 3", score)},
                  f"cache_dir: {shared}") for name, score in (("one", "score: 3"), ("two", "score: 5"))]
    config = roots[1] / "mkdocs.yml"
    config.write_text(re.sub(r"site_name: .*", "site_name: Tweede", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    outputs = [build(root) for root in roots + roots]
    assert all(output.returncode == 0 for output in outputs), [output.output for output in outputs]
    assert [made(output.output)[0] > 0 for output in outputs] == [True, True, False, False]


def test_entries_another_build_writes_while_this_one_runs_stay(tmp_path):
    """Two builds at once over one folder: the one that ends first does not
    remove what the other has made but not yet listed as used."""
    old = Cache(tmp_path, salt="code")
    old.put(old.key("unused"), ".svg", "left by an earlier build")
    hour_ago = old.started - 3600
    os.utime(tmp_path / (old.key("unused") + ".svg"), (hour_ago, hour_ago))
    this = Cache(tmp_path, salt="code")
    this.put(this.key("mine"), ".svg", "this build's")
    beside = Cache(tmp_path, salt="code")  # started after this one, still at work
    beside.put(beside.key("theirs"), ".svg", "the other build's")
    assert this.prune("this site") == 1
    left = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.svg"))
    assert left == ["the other build's", "this build's"]


def test_what_another_site_used_is_kept_for_a_week(tmp_path):
    """Sites (or URL styles) sharing a folder: what each last build used
    stays through the other's builds, until that build is a week old."""
    def build_once(site: str, names: list[str]) -> None:
        cache = Cache(tmp_path, salt="code")
        for name in names:
            cache.put(cache.key(name), ".svg", name)
        cache.prune(site)
        for entry in tmp_path.glob("*.svg"):  # made an hour ago: not by a build running beside the next
            os.utime(entry, (cache.started - 3600, cache.started - 3600))

    def left() -> list[str]:
        return sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.svg"))
    (tmp_path / "used-notes.json").write_text("[]", encoding="utf-8")  # not the cache's: a hash names its lists
    build_once("one", ["a", "b"])
    build_once("two", ["b", "c"])
    build_once("two", ["c", "d"])  # "b", which two no longer uses, stays: one's last build used it
    assert left() == ["a", "b", "c", "d"]
    one = tmp_path / used_list("one")
    week_ago = one.stat().st_mtime - 7 * 24 * 3600 - 60
    for old in (one, tmp_path / "used-notes.json"):
        os.utime(old, (week_ago, week_ago))
    build_once("two", ["d"])
    assert left() == ["d"]
    assert not one.exists() and (tmp_path / "used-notes.json").exists()
    one.write_text("not a list", encoding="utf-8")  # damaged: keeps nothing
    build_once("two", [])
    assert left() == []


def test_keys_name_their_inputs_and_the_code(tmp_path):
    one, other = Cache(tmp_path, salt="code A"), Cache(tmp_path, salt="code B")
    assert one.key("map", "x") == Cache(None, salt="code A").key("map", "x")
    assert len({one.key("map", "x"), other.key("map", "x"), one.key("map", "y")}) == 3
    one.put(one.key("map", "x"), ".svg", "<svg/>")
    assert other.get(other.key("map", "x"), ".svg") is None
    assert one.get(one.key("map", "x"), ".svg") == "<svg/>"


def test_a_first_build_and_a_cached_one_see_the_same_tags(tmp_path):
    # YAML reads `2026-01-01` as a date; the cache keeps text. Both builds must agree.
    pages = {**PAGES, "vandaag.md": BEFORE.replace("title: Vandaag", "title: Vandaag\ntags: [2026-01-01, balie]")}
    root = site(tmp_path / "site", pages)
    first = build(root)
    assert first.returncode == 0, first.output
    rebuild_matches_fresh(root, tmp_path, pages)
    assert '"2026-01-01"' in (root / "site/kiosk/playlist.json").read_text()


def test_a_warm_build_neither_draws_nor_works_out_colours(tmp_path):
    # svgwrite, coloraide, pydantic and multiprocessing take longer to import
    # than a small site takes to rebuild; a build that takes everything from
    # the cache (here with a redesign compared with its baseline) needs none.
    import os
    import subprocess
    import sys

    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    probe = ("import sys\nfrom mkdocs.__main__ import cli\ntry:\n    cli(['build', '-q'])\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in ('svgwrite', 'coloraide', 'pydantic', 'multiprocessing') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
    (root / "docs/ontwerp.md").write_text(AFTER.replace("score: 4}\n---", "score: 2}\n---"), encoding="utf-8")
    redrawn = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True,
                             env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    # A changed map is read and drawn (two maps: no workers); the colours are kept.
    assert redrawn.stdout.strip().splitlines()[-1] == "['pydantic', 'svgwrite']"


def test_a_rebuild_keeps_the_maps_it_did_not_read(tmp_path):
    # A warm build reads each page's part, not the map inside it; the map must
    # stay, so a part made again (here: another journey now redesigns this one)
    # does not draw its unchanged map again.
    root = site(tmp_path / "site", PAGES)
    assert build(root).returncode == 0
    cache = root / ".cache/plugin/journeys"
    first = {name: ((cache / name).stat().st_ino, (cache / name).stat().st_mtime_ns) for name in entries(cache)}
    assert build(root).returncode == 0
    assert entries(cache) == set(first)
    [baseline_map] = [name for name in first if name.endswith(".svg") and not name.endswith(".download.svg")
                      and (cache / name).read_text(encoding="utf-8").startswith(
                          '<svg aria-describedby="jm-vandaag-desc"')]
    pages = {**PAGES, "nog-een.md": AFTER.replace("title: Ontwerp", "title: Nog een")}
    (root / "docs/nog-een.md").write_text(pages["nog-een.md"], encoding="utf-8")
    rebuild_matches_fresh(root, tmp_path, pages)
    assert "Nog een" in (root / "site/vandaag/index.html").read_text()  # its part was made again
    entry = cache / baseline_map
    assert (entry.stat().st_ino, entry.stat().st_mtime_ns) == first[baseline_map]  # its map was not


def test_an_entry_is_written_past_a_temporary_file_left_under_its_name(tmp_path, monkeypatch):
    # Temporary files are named by the process and a count; another process
    # with the same id (in another container sharing the folder) may have
    # left one behind. The entry is still written whole, with the
    # permissions of a new file.
    import itertools

    from journeymaps import cache as cache_module

    monkeypatch.setattr(cache_module, "_TEMPORARIES", itertools.count(7))
    stale = tmp_path / f".tmp-{os.getpid()}-7"
    stale.write_text("<svg", encoding="utf-8")
    cache = Cache(tmp_path, salt="test")
    cache.put("a", ".svg", "<svg>één</svg>")
    cache.put("b", ".svg", "<svg/>")
    assert (tmp_path / "a.svg").read_text(encoding="utf-8") == "<svg>één</svg>"
    assert (tmp_path / "b.svg").read_text(encoding="utf-8") == "<svg/>"
    assert stat.S_IMODE((tmp_path / "a.svg").stat().st_mode) == cache.mode
    assert {p.name for p in tmp_path.glob(".tmp-*")} == {stale.name}  # only the stranger's
    assert stale.read_text(encoding="utf-8") == "<svg"


def test_entries_are_written_whole_where_python_cannot_set_permissions_on_an_open_file(tmp_path, monkeypatch):
    # os.fchmod is missing on Windows before Python 3.13: the entry is still
    # written, with the permissions of a new file, and nothing is left behind.
    monkeypatch.delattr(os, "fchmod")
    cache = Cache(tmp_path, salt="test")
    cache.put("a", ".svg", "<svg>\n\r\n</svg>")
    assert (tmp_path / "a.svg").read_bytes() == "<svg>\n\r\n</svg>".encode("utf-8")
    assert stat.S_IMODE((tmp_path / "a.svg").stat().st_mode) == cache.mode
    assert not list(tmp_path.glob(".tmp-*"))


def test_entries_are_read_whole_when_the_system_hands_them_over_in_pieces(tmp_path, monkeypatch):
    # A read may return fewer bytes than asked before the end of a file (a
    # signal, some network file systems): a part cut short there would be
    # served as if whole. Files whose size the system does not know (0 in
    # /proc) and empty files are read as they are.
    from journeymaps.cache import read_file

    text = "<svg>één\r\n" + "x" * 100_000 + "</svg>"
    Cache(tmp_path, salt="test").put("a", ".svg", text)
    (tmp_path / "empty.svg").write_bytes(b"")
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda handle, size: real_read(handle, min(size, 4096)))
    assert Cache(tmp_path, salt="test").get("a", ".svg") == text
    assert read_file(tmp_path / "empty.svg")[1] == b""
    if Path("/proc/self/status").exists():
        assert b"Umask:" in read_file(Path("/proc/self/status"))[1]


@pytest.mark.parametrize("fchmod", [True, False], ids=["fchmod", "no fchmod (Windows before 3.13)"])
def test_file_entries_are_found_again_where_the_folder_decides_their_permissions(tmp_path, monkeypatch, fchmod):
    # A folder's default ACL (or a file system that ignores modes: SMB,
    # WSL's drives) gives files other permissions than the umask asks for.
    # Entries are linked into the site, so they get the umask's, as MkDocs'
    # own files there; and each stamp holds what its file has, or every
    # build would find it changed and make it again.
    import struct

    if not fchmod:
        monkeypatch.delattr(os, "fchmod")
    folder = tmp_path / "cache"
    folder.mkdir()
    owner_rw, group_r, none = 6, 4, 0  # u::rw- g::r-- o::---
    entries = [(0x01, owner_rw), (0x04, group_r), (0x20, none)]  # ACL_USER_OBJ, ACL_GROUP_OBJ, ACL_OTHER
    acl = struct.pack("<I", 2) + b"".join(struct.pack("<HHI", tag, perm, 0xFFFFFFFF) for tag, perm in entries)
    try:
        os.setxattr(folder, "system.posix_acl_default", acl)
    except (AttributeError, OSError):
        pytest.skip("no POSIX ACLs here")
    with umask(0o022):
        made = []
        for _ in range(2):
            cache = Cache(folder, salt="test")
            path = cache.file("a", ".svg", lambda: made.append(1) or "<svg/>")
            cache.prune()
    assert made == [1]  # the second build found it
    assert stat.S_IMODE(path.stat().st_mode) == cache.mode == 0o644  # not the folder's 0o640


def test_a_cache_folder_that_cannot_be_made_costs_speed_not_a_traceback(tmp_path):
    root = site(tmp_path / "site", PAGES, "cache_dir: in-the-way/journeys")
    (root / "in-the-way").write_text("a file where the cache's folder would go", encoding="utf-8")
    strict = build(root)
    assert strict.returncode != 0 and "Traceback" not in strict.output, strict.output
    assert re.search(r"cache_dir: cannot use \S*in-the-way/journeys \(.+\); this build keeps nothing", strict.output)
    plain = build(root, strict=False)
    assert plain.returncode == 0, plain.output
    assert_same_site(root / "site", build(site(tmp_path / "fresh", PAGES, "cache: false")).root / "site")


def test_a_department_page_follows_a_journey_that_writes_its_name_in_another_case(tmp_path):
    # 'burgerzaken' is department Burgerzaken (organisation.departments): editing the journey that writes it
    # so must make Burgerzaken's page again, as editing one that writes 'Burgerzaken' does.
    lower = WASTE.replace("owner: Klantcontactcentrum", "owner: burgerzaken")
    pages = {**PAGES, "afval.md": lower}
    root = site(tmp_path / "site", pages)
    assert build(root, strict=False).returncode == 0
    assert "Pas ophalen" in (root / "site/owners/burgerzaken/index.html").read_text(encoding="utf-8")
    edited = {**pages, "afval.md": lower.replace("Pas ophalen", "Pas afhalen")}
    (root / "docs/afval.md").write_text(edited["afval.md"], encoding="utf-8")
    assert build(root, strict=False).returncode == 0
    fresh = site(tmp_path / "fresh", edited, "cache: false")
    assert build(fresh, strict=False).returncode == 0
    assert "Pas afhalen" in (root / "site/owners/burgerzaken/index.html").read_text(encoding="utf-8")
    assert_same_site(root / "site", fresh / "site")
