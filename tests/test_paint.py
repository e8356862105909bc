"""paint.after_first_frame: which scripts of a page it marks to run after the
first frame, and when it leaves a page as it is (see test_browser_map_first
for the pages in Chromium)."""

from __future__ import annotations

import re

from journeymaps.paint import MARK, after_first_frame, runs

HEAD = '<!doctype html><html><head><script>var inHead = 1</script></head><body><figure class="jm-figure"></figure>'
CONFIG = '<script id="__config" type="application/json">{"base": "."}</script>'


def page(scripts: str) -> str:
    return f"{HEAD}{CONFIG}{scripts}</body></html>"


def test_the_scripts_after_materials_configuration_are_marked_and_the_loader_comes_last():
    done = after_first_frame(page('<script src="bundle.js"></script>\n'
                                  '<script src="extra.mjs" type="module" defer></script>'), "../after-paint.js")
    assert done is not None
    scripts = re.findall(r"<script\b[^>]*>", done)
    assert scripts == [
        "<script>",  # the head's inline script runs as before
        '<script id="__config" type="application/json">',
        f'<script src="bundle.js" type="{MARK}" data-jm-type="">',
        f'<script src="extra.mjs" defer type="{MARK}" data-jm-type="module">',
        '<script src="../after-paint.js">',
    ]
    assert done.endswith("</script></body></html>")


def test_a_page_is_left_as_it_is_when_an_inline_script_would_lose_its_place():
    # Run again from a loader, its text would need its own hash under a
    # Content-Security-Policy; run where it is, it would come before Material.
    assert after_first_frame(page('<script src="bundle.js"></script><script>document$.subscribe(f)</script>'),
                             "a.js") is None


def test_data_and_attributes_that_only_look_like_a_type_are_not_scripts_to_mark():
    done = after_first_frame(page('<script type="application/ld+json">{}</script>'
                                  '<script data-type="x" src="a.js"></script>'), "l.js")
    assert '<script type="application/ld+json">{}</script>' in done
    assert f'<script data-type="x" src="a.js" type="{MARK}" data-jm-type="">' in done
    legacy = '<script src="old.js" nomodule></script>'
    assert legacy in after_first_frame(page(legacy + '<script src="a.js"></script>'), "l.js")
    assert runs(' type="module"') and runs(' type="TEXT/JavaScript"') and runs("")
    assert not runs(' type="application/json"') and not runs(f' type="{MARK}"') and not runs(' data-type="x" type=x')


def test_a_page_without_materials_configuration_or_scripts_after_it_is_left_as_it_is():
    assert after_first_frame(f'{HEAD}<script src="a.js"></script></body></html>', "l.js") is None
    assert after_first_frame(page(""), "l.js") is None
    assert after_first_frame(page('<script type="application/json">{}</script>'), "l.js") is None


def test_the_loaders_address_is_escaped():
    done = after_first_frame(page('<script src="a.js"></script>'), 'x"><b>.js')
    assert '<script src="x&quot;&gt;&lt;b&gt;.js"></script>' in done
