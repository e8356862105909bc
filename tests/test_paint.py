"""paint.after_first_frame: which scripts of a page it marks to run after the
first frame, and when it leaves a page as it is (see test_browser_map_first
for the pages in Chromium)."""

from __future__ import annotations

import re

from journeymaps.csp import inline_script_hashes
from journeymaps.paint import MARK, after_first_frame, attributes, runs

HEAD = ('<!doctype html><html><head>\n<meta charset="utf-8"><script>var inHead = 1</script></head>'
        '<body><figure class="jm-figure"></figure>')
CONFIG = '<script id="__config" type="application/json">{"base": "."}</script>'


def page(scripts: str) -> str:
    return f"{HEAD}{CONFIG}{scripts}</body></html>"


def tags(text: str) -> list[str]:
    return re.findall(r"<(?:script|link)\b[^>]*>", text)


def test_the_scripts_after_materials_configuration_are_marked_fetched_early_and_the_loader_comes_first():
    done = after_first_frame(page('<script src="bundle.js"></script>\n'
                                  '<script src="extra.mjs" type="module" defer></script>'), "../after-paint.js")
    assert tags(done) == [
        '<script src="../after-paint.js">',  # first in the head, after the character set
        '<link rel="preload" href="bundle.js" as="script">',
        '<link rel="modulepreload" href="extra.mjs">',
        "<script>",  # the head's inline script runs as before
        '<script id="__config" type="application/json">',
        f'<script src="bundle.js" data-jm-type="" type="{MARK}">',
        f'<script src="extra.mjs" defer data-jm-type="module" type="{MARK}">',
    ]
    assert done.startswith('<!doctype html><html><head>\n<meta charset="utf-8"><script src="../after-paint.js">')
    assert done.endswith('</script></body></html>')


def test_a_page_is_left_as_it_is_when_an_inline_script_would_lose_its_place():
    # Run again from a loader, its text would need its own hash under a
    # Content-Security-Policy; run where it is, it would come before Material.
    assert after_first_frame(page('<script src="bundle.js"></script><script>document$.subscribe(f)</script>'),
                             "a.js") is None
    # An attribute whose value only mentions src= does not make it external.
    assert after_first_frame(page('<script src="b.js"></script><script data-cfg="src=1">go()</script>'), "a.js") is None


def test_async_and_nomodule_scripts_keep_their_place_and_data_is_not_a_script():
    kept = ['<script src="old.js" nomodule></script>', '<script src="whenever.js" async></script>',
            '<script type="application/ld+json">{}</script>']
    done = after_first_frame(page("".join(kept) + '<script src="a.js"></script>'), "l.js")
    assert all(tag in done for tag in kept)
    assert f'<script src="a.js" data-jm-type="" type="{MARK}">' in done


def test_attributes_are_read_as_a_browser_reads_them():
    # Words in a value are not attributes: this script is classic, and it is marked.
    done = after_first_frame(page('<script src="g.js?type=module&amp;v=2" data-x="a>b"></script>'), "l.js")
    assert f'<script src="g.js?type=module&amp;v=2" data-x="a&gt;b" data-jm-type="" type="{MARK}">' in done
    assert attributes(' src="w.js?v=2&amp;type=full" TYPE="Module"') == {"src": "w.js?v=2&type=full", "type": "Module"}
    assert runs({"type": "Module"}) and runs({"type": "text/ecmascript"}) and runs({}) and runs({"type": None})
    assert (not runs({"type": "application/json"}) and not runs({"type": MARK})
            and not runs({"data-type": "x", "type": "x"}))
    assert f'<script src="e.js" data-jm-type="text/ecmascript" type="{MARK}">' in \
        after_first_frame(page('<script src="e.js" type="text/ecmascript"></script>'), "l.js")


def test_a_page_without_materials_configuration_or_scripts_after_it_is_left_as_it_is():
    assert after_first_frame(f'{HEAD}<script src="a.js"></script></body></html>', "l.js") is None
    assert after_first_frame(page(""), "l.js") is None
    assert after_first_frame(page('<script type="application/json">{}</script>'), "l.js") is None
    # "__config" in a later script's address: not Material's configuration.
    assert after_first_frame(f'{HEAD}<script src="js/__config.js"></script></body></html>', "l.js") is None


def test_the_loaders_address_is_escaped():
    done = after_first_frame(page('<script src="a.js"></script>'), 'x"><b>.js')
    assert '<script src="x&quot;&gt;&lt;b&gt;.js"></script>' in done


def test_the_policy_hashes_inline_scripts_that_run_and_nothing_else(tmp_path):
    (tmp_path / "index.html").write_text(page('<script src="a.js"></script>')
                                         + '<script type="text/ecmascript">x()</script>'
                                         + '<script data-cfg="src=1">y()</script>', encoding="utf-8")
    assert len(inline_script_hashes(tmp_path)) == 3  # inHead, x() and y(); not the JSON or external ones
