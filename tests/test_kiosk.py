"""The kiosk in Chromium: layout on landscape and portrait screens, rotation,
parameters, a server that goes away, new builds, and hours of rotation."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


class Server:
    """A loopback server that can be stopped and started again on its port."""

    def __init__(self, folder: Path, handler: type[http.server.BaseHTTPRequestHandler] | None = None):
        self.folder = folder
        self.handler = handler or _Quiet
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.httpd = None

    def start(self) -> None:
        handler = functools.partial(self.handler, directory=str(self.folder))
        http.server.ThreadingHTTPServer.allow_reuse_address = True
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/kiosk/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site(example_site, tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("kiosk") / "site"
    shutil.copytree(example_site, copy)
    return copy


@pytest.fixture
def server(site):
    server = Server(site)
    server.start()
    yield server
    server.stop()


def playlist(site: Path) -> dict:
    return json.loads((site / "kiosk/playlist.json").read_text())


def open_kiosk(browser, url: str, *, width: int = 1920, height: int = 1080, clock: bool = False):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    log = {"errors": [], "requests": []}
    page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: log["requests"].append(r.url))
    if clock:
        page.clock.install()
    page.goto(url)
    page.wait_for_selector("[data-map] svg")
    return context, page, log


def current(page) -> str:
    return page.get_attribute("[data-kiosk]", "data-current")


def advance(page, ms: int) -> str:
    """Run the page's clock and let the next map (loaded over the network) appear."""
    before = current(page)
    page.clock.run_for(ms)
    try:
        page.wait_for_function(f"document.querySelector('[data-kiosk]').dataset.current !== {json.dumps(before)}",
                               timeout=3000)
    except Exception:
        pass  # no change: the caller decides whether that is right
    return current(page)


@pytest.mark.parametrize("width, height", [(1920, 1080), (1080, 1920), (3840, 2160)],
                         ids=["landscape", "portrait", "4k"])
@pytest.mark.parametrize("theme", ["dark", "light"])
def test_one_map_fills_the_screen_and_no_text_is_small(browser, server, screenshots, width, height, theme):
    context, page, log = open_kiosk(browser, f"{server.url}?theme={theme}", width=width, height=height)
    try:
        maps = page.locator("svg.jm-map")
        assert maps.count() == 1
        box = maps.bounding_box()
        assert (box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width
                and box["y"] + box["height"] <= height)
        assert box["width"] >= 0.6 * width or box["height"] >= 0.45 * height  # it fills the screen one way
        # Nothing outside the screen, nothing to scroll.
        assert page.evaluate("document.documentElement.scrollHeight <= innerHeight"
                             " && document.documentElement.scrollWidth <= innerWidth")
        # Every element that draws text (an SVG's <title> and <desc> are not
        # drawn), at the size it is drawn (SVG text is scaled with its picture).
        smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('body *')]
            .filter(e => e.getClientRects().length && !['title', 'desc'].includes(e.localName))
            .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize) * (e.getScreenCTM ? e.getScreenCTM().a : 1)))""")
        assert smallest >= 24, smallest
        assert page.evaluate("document.documentElement.dataset.jmTheme") == theme
        page.screenshot(path=str(screenshots / f"kiosk-{width}x{height}-{theme}.png"))
        assert log["errors"] == []
        assert all(url.startswith(f"http://127.0.0.1:{server.port}/") for url in log["requests"])
    finally:
        context.close()


def test_rotation_reaches_every_map_in_the_playlist(browser, server, site):
    context, page, log = open_kiosk(browser, f"{server.url}?interval=5", clock=True)
    try:
        seen = {current(page)}
        for _ in range(len(playlist(site)["maps"]) + 1):
            seen.add(advance(page, 5000))
        assert seen == {m["id"] for m in playlist(site)["maps"]}
        assert log["errors"] == []
    finally:
        context.close()


MOMENTS_SHOWN = """[...document.querySelectorAll('.kiosk__moment')].map(item => ({
    number: item.querySelector('.kiosk__number').textContent,
    text: item.lastChild.textContent, fits: item.scrollHeight <= item.clientHeight + 1}))"""


LONG_LABEL = ("Belt na drie weken wachten waar de nieuwe pas blijft en hoort van de medewerker aan de telefoon dat "
              "het nu eenmaal druk is bij de pasuitgifte")


def test_a_long_label_is_cut_at_a_word_with_an_ellipsis(browser, server, site):
    # The example's labels are short enough for its maps (a longer one gets a hint): give one moment a long label.
    path = site / "kiosk/playlist.json"
    original = path.read_text(encoding="utf-8")
    listed = json.loads(original)
    chosen = next(m for m in listed["maps"] if m["weak"] and m["strong"])
    chosen["weak"][0]["label"] = LONG_LABEL
    path.write_text(json.dumps(listed), encoding="utf-8")
    try:
        _a_long_label_is_cut(browser, server, chosen)
    finally:
        path.write_text(original, encoding="utf-8")  # as the example's build wrote it, for the other tests


def _a_long_label_is_cut(browser, server, chosen: dict) -> None:
    context, page, log = open_kiosk(browser, f"{server.url}?map={chosen['id']}")
    try:
        shown = page.evaluate(MOMENTS_SHOWN)
        labels = [moment["label"] for moment in chosen["weak"] + chosen["strong"]]
        assert len(shown) == len(labels) and all(item["fits"] for item in shown), shown
        # Each numbered as on the picture beside it.
        assert [item["number"] for item in shown] == [str(m["number"]) for m in chosen["weak"] + chosen["strong"]]
        badges = page.evaluate("[...document.querySelectorAll('svg.jm-map text')].map(t => t.textContent.trim())")
        assert {item["number"] for item in shown} <= set(badges)
        for item, label in zip(shown, labels):
            if item["text"] != label:  # cut: a whole-word start of the label, and an ellipsis
                assert item["text"].endswith("\u2026") and label.startswith(item["text"][:-1]), (item, label)
                assert label[len(item["text"]) - 1] in " ,;:.-", (item, label)
        assert any(item["text"].endswith("\u2026") for item in shown)  # the long one was cut
        assert any(item["text"] in labels for item in shown)  # and a short one was not
        # the screen turns: the type follows its size, and the labels are cut again from whole
        seen = []
        for width, height in ((1080, 1920), (1920, 1080)):
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(200)
            again = page.evaluate(MOMENTS_SHOWN)
            assert all(item["fits"] for item in again), (width, again)
            assert all(label.startswith(item["text"].rstrip("\u2026")) for item, label in zip(again, labels)), again
            seen.append(again)
        assert seen[0] != shown  # upright, the panel is wider: more of the long label
        assert seen[1] == shown  # back as it was
        assert log["errors"] == []
    finally:
        context.close()


HOSTILE_TITLE = ("Een heel erg lange titel van een klantreis over het aanvragen, wijzigen, verlengen en uiteindelijk "
                 "opzeggen van een parkeervergunning voor bewoners, bezoekers en mantelzorgers in de binnenstad")
KILLERS = ["Wachttijd aan de telefoon is langer dan drie kwartier",
           "Persoonsgegevens komen bij de verkeerde persoon terecht",
           "Bewoner wordt onvriendelijk te woord gestaan aan de balie",
           "De vergunning wordt zonder bericht ingetrokken",
           "Een boete terwijl de vergunning wel degelijk geldig was"]


# Longer than a weak label's five lines on the kiosk, at any screen's size.
LONG_WORDS = ["Klantcontactcentrummedewerkersoverlegvergaderingsagendapuntenlijstbijlagenoverzichtsformulierinvul"
              "instructiehandleidingenarchiefkastsleutelbeheerdersvervangingsregelingsevaluatiecommissievergadering"
              "sverslagsamenvattingen",
              "https://www.voorbeeldgemeente.nl/parkeren/vergunningen/bewoners/aanvragen/formulier?stap=3&terug=overzicht"
              "&bron=nieuwsbrief&campagne=najaar&medium=email&inhoud=knop-onderaan&sessie=8f2c4a9e1b7d&taal=nl"
              "&weergave=volledig"]


WEAK_LABEL = ("Belt na drie weken waar de pas blijft, wordt twee keer doorverbonden en krijgt dan van een "
              "medewerker te horen dat ze niet moet zeuren want het is nu eenmaal druk")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A site of journeys that push the kiosk's layout: a long title and
    five killers ('lang'), labels of words longer than a line ('woorden'),
    three long weak labels under a long title ('zwak'). Served."""
    from sites import build, make_site

    killers = "".join(f'    - {{id: k{n}, label: "{label}"}}\n' for n, label in enumerate(KILLERS))
    moments = "".join(f'    - {{label: "Moment {n} aan de balie", score: 3, killer: k{n}}}\n' for n in range(5))
    root = make_site(tmp_path_factory.mktemp("hostile"), {
        "lang.md": f'---\ntitle: "{HOSTILE_TITLE}"\njourney:\n  owner: Team Parkeren\n  killers:\n{killers}'
                   f'  touchpoints:\n{moments}    - {{label: Krijgt de vergunning, score: 5}}\n---\n',
        "woorden.md": "---\ntitle: Woorden\njourney:\n  touchpoints:\n"
                      + "".join(f'    - {{label: "{label}", score: {n + 1}}}\n'
                                for n, label in enumerate([*LONG_WORDS, f"Leest {LONG_WORDS[1]}"]))
                      + "    - {label: Klaar, score: 5}\n---\n",
        "zwak.md": f'---\ntitle: "{HOSTILE_TITLE}"\njourney:\n  owner: Team Parkeren\n'
                   f'  killers:\n    - {{id: k, label: "{KILLERS[0]}"}}\n  touchpoints:\n'
                   + "".join(f'    - {{label: "{n}. {WEAK_LABEL}", score: {n}{", killer: k" * (n == 1)}}}\n'
                             for n in (1, 2, 3))
                   + "".join(f'    - {{label: Gaat goed {n}, score: 5}}\n' for n in (1, 2, 3)) + "---\n"})
    assert build(root).returncode == 0
    server = Server(root / "site")
    server.start()
    yield server
    server.stop()


def test_a_long_title_and_many_killers_leave_the_map_its_room(browser, hostile):
    # A title of four lines and a headline naming five killers took the top
    # half of a 1366 x 768 screen: the map had 39% of its height (301 pixels).
    # Now the title keeps to two lines, the headline names two killers (with
    # one, 'en nog 1' hid the second) and how many more: 66% (505 pixels).
    maps = {m["id"]: m for m in playlist(hostile.folder)["maps"]}
    assert maps["lang"]["headline"] == (f"Onderuit door: {KILLERS[0]}, {KILLERS[1]} en nog 3 "
                                        "(zonder killer was het een 3,3 geweest)")
    context, page, log = open_kiosk(browser, f"{hostile.url}?map=lang", width=1366, height=768)
    try:
        share = page.evaluate("document.querySelector('[data-map]').getBoundingClientRect().height / innerHeight")
        assert share >= 0.6, share
        assert page.evaluate("document.documentElement.scrollHeight <= innerHeight")
        assert log["errors"] == []
    finally:
        context.close()


LABELS_SHOWN = """() => {
    const panel = document.querySelector('.kiosk__panel'), right = panel.getBoundingClientRect().right;
    const items = [...panel.querySelectorAll('.kiosk__moment')];
    return {wide: panel.scrollWidth > panel.clientWidth, items: items.map(item => {
        const box = item.getBoundingClientRect(), text = item.lastChild.firstChild;
        const number = item.querySelector('.kiosk__number').getBoundingClientRect();
        const all = document.createRange(), last = document.createRange();
        all.selectNodeContents(text);
        last.setStart(text, text.length - 1);
        last.setEnd(text, text.length);
        const line = all.getClientRects()[0], end = last.getBoundingClientRect();
        return {text: text.data, hidden: item.hidden, tall: item.scrollHeight > item.clientHeight + 1,
                wide: item.scrollWidth > item.clientWidth + 1 || box.right > right + 1,
                end_inside: end.left >= box.left && end.right <= box.right + 1 && end.bottom <= box.bottom + 1,
                number_on_first_line: (number.top + number.bottom) / 2 > line.top
                                      && (number.top + number.bottom) / 2 < line.bottom};
    })};
}"""


@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)])
def test_a_word_longer_than_the_line_is_cut_with_an_ellipsis_beside_its_number(browser, hostile, width, height):
    # Such a word (a web address, a long Dutch compound) overflowed the panel,
    # or its moment was hidden: shorten() dropped whole words only, and the
    # moment's number stood on a line of its own above it.
    context, page, log = open_kiosk(browser, f"{hostile.url}?map=woorden", width=width, height=height)
    try:
        shown = page.evaluate(LABELS_SHOWN)
        assert not shown["wide"], shown
        items = {item["text"].rstrip("\u2026"): item for item in shown["items"]}
        for word in LONG_WORDS:
            cut = next(item for start, item in items.items() if start and word.startswith(start))
            assert not cut["hidden"] and cut["text"].endswith("\u2026") and cut["text"] != word + "\u2026", cut
            assert not cut["tall"] and not cut["wide"] and cut["end_inside"] and cut["number_on_first_line"], cut
        # beside a short word, cut within too: cut after 'Leest' it left two lines empty
        assert any(item["text"].startswith("Leest https://www.") for item in shown["items"]), shown
        assert all(item["number_on_first_line"] for item in shown["items"]), shown
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        assert log["errors"] == []
    finally:
        context.close()


def test_parameters_map_owner_tag_and_interval(browser, server, site):
    maps = playlist(site)["maps"]
    pinned = maps[-1]["id"]
    context, page, _ = open_kiosk(browser, f"{server.url}?map={pinned}&interval=2", clock=True)
    assert current(page) == pinned and advance(page, 10_000) == pinned
    assert page.locator("[data-progress]").is_hidden()  # no rotation, no countdown
    context.close()

    owner = "Klantcontactcentrum"
    expected = {m["id"] for m in maps if owner in m["owners"]}
    context, page, _ = open_kiosk(browser, f"{server.url}?owner={owner}&interval=2", clock=True)
    seen = {current(page)} | {advance(page, 2000) for _ in range(4)}
    assert seen == expected and len(expected) >= 2
    context.close()

    # in small letters, and as in the department page's address: the same screens
    context, page, _ = open_kiosk(browser, f"{server.url}?owner=klantcontactcentrum&interval=2", clock=True)
    assert {current(page)} | {advance(page, 2000) for _ in range(4)} == expected
    context.close()
    expected = {m["id"] for m in maps if "Beheer Openbare Ruimte" in m["owners"]}
    context, page, _ = open_kiosk(browser, f"{server.url}?owner=beheer-openbare-ruimte&interval=2", clock=True)
    assert {current(page)} | {advance(page, 2000) for _ in range(4)} == expected and expected
    context.close()

    expected = {m["id"] for m in maps if "telefoon" in m["tags"]}
    context, page, _ = open_kiosk(browser, f"{server.url}?tag=telefoon&interval=2", clock=True)
    seen = {current(page)} | {advance(page, 2000) for _ in range(4)}
    assert seen == expected and len(expected) >= 2
    context.close()

    context, page, _ = open_kiosk(browser, f"{server.url}?interval=60", clock=True)
    first = current(page)
    assert advance(page, 30_000) == first  # not yet
    assert advance(page, 31_000) != first  # now
    context.close()


def test_faces_read_from_across_the_room_on_every_map(browser, server, site):
    # A 14-moment journey drawn at the page's column width was a strip 150
    # pixels high on a 1080-pixel screen, its faces 16 pixels across.
    context, page, log = open_kiosk(browser, f"{server.url}?interval=1", clock=True)
    try:
        sizes = {}
        for _ in playlist(site)["maps"]:
            sizes[current(page)] = page.evaluate("""Math.min(...[...document.querySelectorAll('[data-map] use')]
                .filter(use => (use.getAttribute('href') || use.getAttribute('xlink:href')).includes('-face-'))
                .map(face => face.getBoundingClientRect().height))""")
            advance(page, 1000)
        assert len(sizes) == len(playlist(site)["maps"])
        assert min(sizes.values()) >= 32, sizes  # over a centimetre on a 32-inch screen; twice what they were
    finally:
        context.close()


def test_a_choice_that_matches_nothing_says_so(browser, server):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{server.url}?owner=Niemand&tag=nergens")
    page.wait_for_selector("[data-empty]:not([hidden])")
    assert page.inner_text("[data-empty]") == ("Geen klantreis past bij de keuze van dit scherm: "
                                               "owner=Niemand, tag=nergens.")
    context.close()


def test_a_screen_pinned_to_a_journey_whose_page_has_errors_says_so(browser, tmp_path):
    # Such a page is built with its errors in place of the map, and left out
    # of the playlist: its screen said no journey matched 'map=kapot', which
    # reads as a typo in the screen's address.
    from sites import build, make_site

    journey = "---\ntitle: {title}\njourney:\n  touchpoints: [{{label: Moment, {feeling}}}]\n---\n"
    root = make_site(tmp_path, {"heel.md": journey.format(title="Heel", feeling="score: 4"),
                                "kapot.md": journey.format(title="Kapot", feeling="emotion: hapy")})
    assert build(root, strict=False).returncode == 0
    assert [m["id"] for m in playlist(root / "site")["maps"]] == ["heel"]
    server = Server(root / "site")
    server.start()
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        page.goto(f"{server.url}?map=kapot")
        page.wait_for_selector("[data-empty]:not([hidden])")
        assert page.inner_text("[data-empty]") == (
            "De klantreis die dit scherm moet tonen (map=kapot) heeft een fout op zijn pagina en kan daarom niet "
            "getoond worden. Wie die pagina bijhoudt, ziet daar de fout.")
        page.goto(f"{server.url}?map=kaput")  # a typo is still one
        page.wait_for_selector("[data-empty]:not([hidden])")
        assert page.inner_text("[data-empty]") == "Geen klantreis past bij de keuze van dit scherm: map=kaput."
    finally:
        context.close()
        server.stop()
    assert playlist(root / "site")["broken"] == ["kapot"]


@pytest.mark.parametrize("width, height", [(1920, 1080), (1280, 720), (1080, 1920)])
def test_the_moments_beside_a_map_show_whole_or_not_at_all(browser, server, site, width, height):
    # A third strong moment was cut through the middle of a line at 1920 x 1080.
    context, page, log = open_kiosk(browser, f"{server.url}?interval=1", width=width, height=height, clock=True)
    try:
        cut_short = 0
        for _ in playlist(site)["maps"]:
            shown = page.evaluate("""(() => {
                const panel = document.querySelector('.kiosk__panel');
                const items = [...panel.querySelectorAll('.kiosk__moment')];
                const box = panel.getBoundingClientRect();
                return {fits: panel.scrollHeight <= panel.clientHeight + 1,
                        inside: items.filter(i => !i.hidden)
                            .every(i => i.getBoundingClientRect().bottom <= box.bottom + 1),
                        hidden: items.filter(i => i.hidden).length,
                        weak: document.querySelectorAll('[data-weak] .kiosk__moment:not([hidden])').length};
            })()""")
            assert shown["fits"] and shown["inside"], (current(page), shown)
            cut_short += shown["hidden"]
            # the screen turns and back: every moment shown is cut to its lines again
            for size in ({"width": height, "height": width}, {"width": width, "height": height}):
                page.set_viewport_size(size)
                page.wait_for_timeout(50)
            uncut = page.evaluate("""[...document.querySelectorAll('.kiosk__moment')]
                .filter(i => !i.hidden && i.scrollHeight > i.clientHeight + 1).map(i => i.textContent)""")
            assert uncut == [], (current(page), uncut)
            advance(page, 1000)
        if (width, height) == (1280, 720):
            assert cut_short > 0  # the example has moments that do not fit there (at 1920 x 1080 one or none)
        assert log["errors"] == []
    finally:
        context.close()


def test_survives_the_server_going_away_and_recovers(browser, server, site):
    context, page, log = open_kiosk(browser, f"{server.url}?interval=3&poll=5", clock=True)
    try:
        count = len(playlist(site)["maps"])
        for _ in range(count):  # one round, so every map is in memory
            advance(page, 3000)
        server.stop()
        started = time.monotonic()
        seen = set()
        for _ in range(4):  # ten seconds and more of page time without a server
            seen.add(advance(page, 3000))
        page.wait_for_selector(".kiosk.is-stale", timeout=5000)
        assert len(seen) >= 3  # it kept rotating what it had
        assert page.url.startswith(server.url) and page.locator("svg.jm-map").count() == 1  # no error page
        time.sleep(max(0.0, 10 - (time.monotonic() - started)))  # ten real seconds away
        server.start()
        page.clock.run_for(5000)
        page.wait_for_selector(".kiosk:not(.is-stale)", timeout=5000)
        assert page.locator("svg.jm-map").count() == 1
    finally:
        context.close()


def test_reloads_for_a_new_build_and_not_for_the_same_one(browser, server, site):
    context, page, _ = open_kiosk(browser, f"{server.url}?poll=5&interval=60", clock=True)
    try:
        page.evaluate("window.jmMarker = 1")
        page.clock.run_for(16_000)  # three polls of an unchanged build
        page.wait_for_timeout(500)
        assert page.evaluate("window.jmMarker") == 1

        old = (site / "kiosk/version.json").read_text(), (site / "kiosk/playlist.json").read_text()
        try:
            new_playlist = playlist(site)
            new_playlist["version"] = "0000000000000000"
            (site / "kiosk/playlist.json").write_text(json.dumps(new_playlist))
            (site / "kiosk/version.json").write_text(json.dumps({"version": "0000000000000000"}))
            with page.expect_navigation(timeout=10_000):
                page.clock.run_for(6000)
            page.wait_for_selector("[data-map] svg")
            assert page.evaluate("window.jmMarker") is None  # a fresh page
        finally:
            (site / "kiosk/version.json").write_text(old[0])
            (site / "kiosk/playlist.json").write_text(old[1])
    finally:
        context.close()


def test_hours_of_rotation_keep_memory_steady(browser, server):
    context, page, log = open_kiosk(browser, f"{server.url}?interval=2&poll=30", clock=True)
    try:
        cdp = context.new_cdp_session(page)

        def measure() -> tuple[int, float]:
            cdp.send("HeapProfiler.collectGarbage")
            nodes = page.evaluate("document.getElementsByTagName('*').length")
            return nodes, cdp.send("Runtime.getHeapUsage")["usedSize"]

        for _ in range(20):
            advance(page, 2000)
        nodes_before, heap_before = measure()
        for _ in range(300):  # ten minutes of page time; the same code runs for hours
            page.clock.run_for(2000)
        page.wait_for_timeout(300)
        nodes_after, heap_after = measure()
        assert abs(nodes_after - nodes_before) < 400  # one map on screen, whichever it is
        assert heap_after - heap_before < 2_000_000, (heap_before, heap_after)
        assert log["errors"] == []
    finally:
        context.close()


def test_moments_hidden_on_a_small_screen_come_back_cut_on_a_large_one(browser, tmp_path):
    # Hidden moments could not be measured: shown again after a resize, they
    # came back whole, cut off mid-line by the list's height, no ellipsis.
    from sites import build, make_site

    label = "{n} De klant wacht heel lang op een antwoord van de gemeente over de aanvraag en belt daarom opnieuw"
    # (with evidence: a touchpoint analysis's mark above the title would take a line of the lists' room)
    moments = "".join(f'    - {{label: "{label.format(n=n)} met het klantcontactcentrum", score: {s}, '
                      f'evidence: [{{kind: interview}}]}}\n' for n, s in enumerate([1, 1, 2, 5, 5, 4]))
    root = make_site(tmp_path, {"a.md": f"---\ntitle: A\njourney:\n  touchpoints:\n{moments}---\n"})
    assert build(root).returncode == 0
    server = Server(root / "site")
    server.start()
    try:
        context, page, log = open_kiosk(browser, server.url, width=1280, height=500)
        assert page.evaluate("document.querySelectorAll('.kiosk__moment[hidden]').length") > 0
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.wait_for_timeout(200)
        uncut = page.evaluate("""[...document.querySelectorAll('.kiosk__moment')]
            .filter(i => !i.hidden && i.scrollHeight > i.clientHeight + 1).map(i => i.textContent)""")
        assert uncut == [] and page.evaluate("document.querySelectorAll('.kiosk__moment:not([hidden])').length") > 3
        assert log["errors"] == []
        context.close()
    finally:
        server.stop()


def test_a_new_build_reaches_the_screen_with_its_own_styles_and_script(browser, tmp_path):
    # A reload takes a page's styles and scripts from the browser's cache
    # while they are fresh, and a server that sends no Cache-Control (nginx's
    # default) makes them fresh for a tenth of their age: a screen reloaded
    # for a build with other colours kept the old stylesheet for days.
    import os

    from sites import build, make_site

    journey = ("---\ntitle: {t}\njourney:\n  touchpoints:\n"
               "    - {{label: Een, score: {s}}}\n    - {{label: Twee, score: 5}}\n---\n")
    root = make_site(tmp_path, {f"{t}.md": journey.format(t=t, s=s) for t, s in [("a", 1), ("b", 2)]})
    assert build(root).returncode == 0
    month_ago = time.time() - 30 * 86400
    for path in (root / "site").rglob("*"):
        os.utime(path, (month_ago, month_ago))  # the last build's files, as a long-running server has them
    server = Server(root / "site")
    server.start()
    try:
        context, page, log = open_kiosk(browser, f"{server.url}?poll=1&interval=60")
        happy = "getComputedStyle(document.documentElement).getPropertyValue('--jm-happy').trim()"
        before = page.evaluate(happy)
        config = root / "mkdocs.yml"
        config.write_text(config.read_text().replace("  - journeys", "  - journeys:\n      colors: {happy: '#123456'}"))
        with page.expect_navigation(timeout=20_000):
            assert build(root, strict=False).returncode == 0  # a warning: the colour is close to another face's
        page.wait_for_selector("[data-map] svg")
        assert (before, page.evaluate(happy)) == ("#43a047", "#123456")
        # polls while MkDocs empties and writes the folder find no version.json; nothing else goes wrong
        assert [e for e in log["errors"] if not e.startswith("Failed to load resource")] == []
        context.close()
    finally:
        server.stop()


def test_opened_from_disk_it_says_it_needs_the_web_server(browser, tmp_path):
    # An administrator checks the built site from disk before uploading it.
    # A browser lets no file:// page fetch the playlist, and the kiosk showed
    # a dark screen with two empty headings, as if it were broken.
    from sites import build, make_site

    root = make_site(tmp_path, {"a.md": "---\ntitle: A\njourney:\n  touchpoints:\n    - {label: Een, score: 1}\n---\n"},
                     language="en")
    assert build(root).returncode == 0
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.goto((root / "site" / "kiosk" / "index.html").as_uri())
        message = page.locator("[data-empty]")
        message.wait_for(state="visible", timeout=5000)
        assert "web server" in message.inner_text()
        assert page.locator(".kiosk__panel h2:visible").count() == 0
    finally:
        context.close()


def test_the_kiosk_shows_the_sites_own_favicon(tmp_path):
    # Its page is the plugin's own, not Material's: it named Material's default icon.
    from sites import build, make_site

    for favicon in ("images/logo.png", None):
        root = make_site(tmp_path / str(favicon), {"a.md": "---\njourney:\n  touchpoints:\n    - {label: Een}\n---\n",
                                                   "images/logo.png": "not really a picture"})
        if favicon:
            config = root / "mkdocs.yml"
            config.write_text(config.read_text(encoding="utf-8").replace("  font: false\n", f"  font: false\n"
                                                                         f"  favicon: {favicon}\n"), encoding="utf-8")
        assert build(root).returncode == 0
        kiosk = (root / "site" / "kiosk" / "index.html").read_text(encoding="utf-8")
        href = re.search(r'<link rel="icon" href="([^"]+)"', kiosk)[1]
        assert (root / "site" / "kiosk" / href).resolve() == (root / "site" / (favicon or "assets/images/favicon.png"))


class _Hanging(_Quiet):
    """Takes every request and answers none while `hang` is set: a server
    whose disk or backend hangs, or a proxy that waits for one."""

    hang = threading.Event()

    def do_GET(self):  # noqa: N802 - the base class's name
        while self.hang.is_set():
            time.sleep(0.05)
        super().do_GET()


def test_a_server_that_takes_requests_and_never_answers_does_not_stop_the_rotation(browser, tmp_path):
    # A fetch has no time limit of its own: the next map's, never answered,
    # held the screen on one map for good, with no sign of trouble.
    from sites import build, make_site

    journey = "---\ntitle: {t}\njourney:\n  touchpoints:\n    - {{label: Een, score: {s}}}\n---\n"
    root = make_site(tmp_path, {f"{t}.md": journey.format(t=t, s=s) for t, s in [("a", 1), ("b", 2), ("c", 3)]})
    assert build(root).returncode == 0
    server = Server(root / "site", handler=_Hanging)
    server.start()
    try:
        context, page, log = open_kiosk(browser, f"{server.url}?interval=3&poll=5", clock=True)
        first = current(page)
        page.wait_for_timeout(500)  # the second map, loaded ahead of its turn
        _Hanging.hang.set()
        seen = [advance(page, 3000)]
        for _ in range(10):  # thirty seconds of page time
            seen.append(advance(page, 3000))
        assert first in seen[1:]  # round again to the maps it has
        page.wait_for_selector(".kiosk.is-stale", timeout=5000)
        _Hanging.hang.clear()
        page.clock.run_for(6000)
        page.wait_for_selector(".kiosk:not(.is-stale)", timeout=5000)
        context.close()
    finally:
        _Hanging.hang.clear()
        server.stop()


def test_a_redesign_of_a_killed_journey_names_today_s_verdict_beside_its_goal(tmp_path):
    from sites import build, make_site

    today = ("---\ntitle: Nu\nlang: en\njourney:\n  killers: [{id: k, label: Lost}]\n  touchpoints:\n"
             "    - {label: Call, score: 2}\n    - {label: Wait, killer: k}\n---\n")
    design = ("---\ntitle: Straks\nlang: en\njourney:\n  status: to-be\n  baseline: nu.md\n  touchpoints:\n"
              "    - {label: Call, score: 4}\n    - {label: Wait, score: 3}\n---\n")
    three = ("---\ntitle: Drie\njourney:\n  killers: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]\n"
             "  touchpoints:\n" + "".join(f"    - {{label: {k}, killer: {k}}}\n" for k in "abc") + "---\n")
    root = make_site(tmp_path, {"nu.md": today, "straks.md": design, "drie.md": three})
    assert build(root).returncode == 0
    maps = {m["id"]: m for m in playlist(root / "site")["maps"]}
    assert maps["straks"]["headline"] == "3.5 out of 5 (today: killed)"  # in the design's language
    assert maps["drie"]["headline"] == "Onderuit door: A, B, C"  # three named: 'en nog 1' would hide one


def test_each_map_speaks_its_own_journeys_language(browser, tmp_path):
    # A Dutch site's English journey (`lang: en`) showed its English title
    # under "3,5 van de 5" and beside "Zwakste momenten", as its page does not.
    from sites import build, make_site

    journey = ("---\ntitle: {title}\n{lang}journey:\n  owner: Balie\n  touchpoints:\n"
               "    - {{label: {low}, score: 2}}\n    - {{label: {high}, score: 5}}\n---\n")
    root = make_site(tmp_path, {"dutch.md": journey.format(title="Verhuizen", lang="", low="Wachten", high="Klaar"),
                                "english.md": journey.format(title="Moving", lang="lang: en\n", low="Waiting",
                                                             high="Done")})
    assert build(root).returncode == 0
    maps = {m["id"]: m for m in playlist(root / "site")["maps"]}
    assert {i: (m["lang"], m["headline"]) for i, m in maps.items()} == {
        "english": ("en", "3.5 out of 5"), "dutch": ("nl", "3,5 van de 5")}
    server = Server(root / "site")
    server.start()
    try:
        for ident, headings, owner in (("english", ["Weakest moments", "Strongest moments"], "Owner: Balie"),
                                       ("dutch", ["Zwakste momenten", "Sterkste momenten"], "Eigenaar: Balie")):
            context, page, log = open_kiosk(browser, f"{server.url}?map={ident}")
            assert page.locator(".kiosk__panel h2").all_inner_texts() == headings
            assert page.inner_text("[data-owner]") == owner  # a name under the headline said nothing of being one
            assert page.inner_text("[data-headline]") == maps[ident]["headline"]
            # the journey's parts in its language, for screen readers and hyphenation; the page in the site's
            lang = maps[ident]["lang"]
            assert [page.get_attribute(part, "lang") for part in (".kiosk__header", ".kiosk__panel")] == [lang, lang]
            assert page.get_attribute("html", "lang") == "nl"
            assert page.get_attribute("[data-stale]", "aria-label").startswith("Geen verbinding")
            assert log["errors"] == []
            context.close()
    finally:
        server.stop()


def test_a_journey_being_designed_or_a_touchpoint_analysis_is_marked_so_before_its_title(browser, server, site):
    # A to-be journey rotated among today's with nothing to tell them apart:
    # its 3,9, a goal, read as how residents fare now. So did a touchpoint
    # analysis's 3,1, which no customer backs: its page says so, its kiosk did not.
    maps = {m["id"]: m for m in playlist(site)["maps"]}
    designed, analysis = "journeys-parkeervergunning", "journeys-aanslag-belastingen"
    caveats = {i: m["caveat"] for i, m in maps.items() if m["caveat"]}
    assert caveats == {designed: "Ontwerp, nog niet de reis van nu",  # the example's one to-be journey
                       analysis: "Contactpuntenanalyse, zonder bewijs van klanten"}  # and its one without evidence
    # and the journey it redesigns beside its goal, as its page compares them: the screen showed the goal alone
    assert maps[designed]["headline"] == "3,9 van de 5 (nu: 2,0)"
    assert "nu:" not in maps["journeys-parkeervergunning-nu"]["headline"]
    for ident in (designed, analysis, "journeys-parkeervergunning-nu"):
        context, page, log = open_kiosk(browser, f"{server.url}?map={ident}")
        try:
            mark = page.locator("[data-caveat]")
            if ident in caveats:
                assert mark.is_visible() and mark.inner_text() == caveats[ident]
                title = page.locator("[data-title]").bounding_box()
                assert mark.bounding_box()["y"] + mark.bounding_box()["height"] <= title["y"]  # read first
            else:
                assert not mark.is_visible()
            assert log["errors"] == []
        finally:
            context.close()


def open_kiosk_routed(browser, url: str, pattern: str, handler, *, width: int = 1920, height: int = 1080):
    """The kiosk with its clock in the test's hands and the requests for
    `pattern` passed to `handler` (a Playwright route handler), from the first."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    log = {"errors": []}
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.route(pattern, handler)
    page.clock.install()
    page.goto(url)
    return context, page, log


def failing_first(times: int = 1, **fulfil):
    """A route handler: the first `times` requests fail (or, given `fulfil`,
    get that answer instead of the file); the rest reach the server."""
    seen = []

    def handle(route):
        seen.append(route.request.url)
        if len(seen) > times:
            route.continue_()
        elif fulfil:
            route.fulfill(**fulfil)
        else:
            route.abort()
    return handle


@pytest.mark.parametrize("choice", ["map=journeys-dakkapel-vergunning", "owner=Vergunningen"])
def test_a_screen_of_one_map_whose_picture_failed_once_tries_again(browser, server, site, choice):
    # Its picture's fetch failed once and the screen stayed black for good:
    # one map set no timer, and the next version check took the dot away.
    owned = [m["id"] for m in playlist(site)["maps"] if "Vergunningen" in m["owners"]]
    assert owned == ["journeys-dakkapel-vergunning"]  # the owner's choice is one journey too
    context, page, log = open_kiosk_routed(browser, f"{server.url}?{choice}&poll=2", "**/maps/*.svg", failing_first())
    try:
        page.wait_for_selector(".kiosk.is-stale", timeout=5000)
        page.clock.run_for(2500)  # a version check: the server answers, and still the screen has no map
        page.wait_for_timeout(500)
        assert page.locator("[data-map] svg").count() == 0 and page.locator(".kiosk.is-stale").count() == 1
        page.clock.run_for(10_000)
        page.wait_for_selector("[data-map] svg", timeout=5000)
        assert current(page) == "journeys-dakkapel-vergunning"
        page.clock.run_for(2500)  # the next check: all is well again
        page.wait_for_selector(".kiosk:not(.is-stale)", timeout=5000)
        assert log["errors"] == []
    finally:
        context.close()


LOGIN_PAGE = '<!doctype html><html><body><form action="/sso"><input name="user"></form></body></html>'


@pytest.mark.parametrize("answer", ["login page", "cut short"])
def test_a_picture_answered_with_something_else_is_passed_over_and_fetched_again(browser, server, site, answer):
    # A 200 with an intranet's login page, or an SVG cut short, was kept as
    # the picture, failed to show, and held the screen on the map before it for good.
    maps = playlist(site)["maps"]
    bad = maps[1]
    svg = (site / "kiosk" / bad["svg"]).read_text(encoding="utf-8")
    body = LOGIN_PAGE if answer == "login page" else svg[:len(svg) // 2]
    kind = "text/html" if answer == "login page" else "image/svg+xml"
    context, page, log = open_kiosk_routed(browser, f"{server.url}?interval=4", f"**/{bad['svg']}",
                                           failing_first(2, status=200, content_type=kind, body=body))
    try:
        page.wait_for_selector("[data-map] svg")
        seen = [current(page)]
        for _ in range(len(maps) + 1):  # one round and a map: the bad one's next turn is in it
            seen.append(advance(page, 4000))
        assert seen[1] == maps[2]["id"]  # bad ahead of its turn and at it: passed over at once
        assert {m["id"] for m in maps} == set(seen)  # every map, the bad one at its next turn
        assert log["errors"] == []
    finally:
        context.close()


def test_while_the_server_hangs_the_maps_in_memory_keep_their_turns(browser, server, site):
    # With the server hung, each map not yet in memory was fetched and waited
    # for (ten seconds) one after another: at 2 seconds a map, one map stayed
    # on screen for minutes, though the kiosk had others to show.
    held = []

    def hang_when_told(route):
        if held:
            held.append(route)  # taken and never answered
        else:
            route.continue_()
    context, page, log = open_kiosk_routed(browser, f"{server.url}?interval=2", "**/maps/*.svg", hang_when_told)
    try:
        page.wait_for_selector("[data-map] svg")
        page.wait_for_timeout(500)  # the second map, loaded ahead of its turn
        held.append("hang")
        seen = [current(page)]
        for _ in range(4):  # eight seconds of page time, none of the hung fetches given up yet
            seen.append(advance(page, 2000))
        assert all(a != b for a, b in zip(seen, seen[1:])), seen  # a map at every turn
        assert set(seen) == {m["id"] for m in playlist(site)["maps"][:2]}  # the two in memory
        assert len(held) > 1 and log["errors"] == []
    finally:
        context.close()


BADGES = """() => {
    const svg = document.querySelector('[data-map] svg'), scale = svg.getScreenCTM().a;
    const discs = [...svg.querySelectorAll('.jm-badge')].map(d => d.getBoundingClientRect());
    const apart = Math.min(...discs.flatMap((a, i) => discs.slice(i + 1).map(b =>
        Math.hypot(a.x - b.x, a.y - b.y) / a.width)));
    return {count: discs.length, apart,
            px: Math.min(...[...svg.querySelectorAll('.jm-badge-number text')]
                .map(t => parseFloat(getComputedStyle(t).fontSize) * scale))};
}"""


@pytest.mark.parametrize("width, height", [(1920, 1080), (1366, 768)])
def test_the_moments_numbers_on_every_map_read_from_across_the_room(browser, server, site, tmp_path, width, height):
    # A disc's number was drawn at a fixed size in the picture's units: the
    # cycle's was 22 pixels at 1920 x 1080 and 16 at 1366 x 768, a 30-moment
    # timeline's 10. Every number at 24 pixels at least, no disc over another.
    from sites import build, make_site

    moments = "".join(f"    - {{label: Moment {n}, score: {n % 5 + 1}}}\n" for n in range(30))
    root = make_site(tmp_path, {"lang.md": f"---\ntitle: Lang\njourney:\n  touchpoints:\n{moments}---\n"})
    assert build(root).returncode == 0
    long = Server(root / "site")
    long.start()
    try:
        pages = [f"{server.url}?map={m['id']}" for m in playlist(site)["maps"]] + [f"{long.url}?map=lang"]
        for url in pages:
            context, page, log = open_kiosk(browser, url, width=width, height=height)
            badges = page.evaluate(BADGES)
            context.close()
            assert badges["count"] > 0 and badges["px"] >= 24 and badges["apart"] >= 1, (url, badges)
    finally:
        long.stop()


FACES = """() => {
    const svg = document.querySelector('[data-map] svg');
    const circle = e => {
        const b = e.getBoundingClientRect();
        return {x: b.x + b.width / 2, y: b.y + b.height / 2, r: b.width / 2};
    };
    const faces = [...svg.querySelectorAll('use')]
        .filter(use => (use.getAttribute('href') || use.getAttribute('xlink:href')).includes('-face-')).map(circle);
    const discs = [...svg.querySelectorAll('.jm-badge')].map(circle);
    const gap = (a, b) => Math.hypot(a.x - b.x, a.y - b.y) - a.r - b.r;
    return {px: Math.min(...faces.map(f => 2 * f.r)),
            apart: Math.min(...faces.flatMap((a, i) => [...faces.slice(i + 1), ...discs].map(b => gap(a, b))))};
}"""


@pytest.mark.parametrize("width, height", [(1920, 1080), (1366, 768)])
def test_a_cycles_faces_are_as_large_as_a_timelines(browser, server, width, height):
    # A cycle's faces on the kiosk were 34 pixels across at 1920 x 1080 (24
    # at 1366 x 768), the timeline's 54 (39): from across the room their
    # mouths and brows, which tell the emotion, could not be made out.
    sizes = {}
    for ident in ("journeys-bibliotheek-lidmaatschap", "journeys-afvalpas-aanvragen"):  # a cycle, a timeline
        context, page, log = open_kiosk(browser, f"{server.url}?map={ident}", width=width, height=height)
        sizes[ident] = page.evaluate(FACES)
        assert log["errors"] == []
        context.close()
    cycle, timeline = sizes["journeys-bibliotheek-lidmaatschap"], sizes["journeys-afvalpas-aanvragen"]
    assert cycle["px"] >= 0.9 * timeline["px"], sizes
    assert cycle["apart"] >= 0, sizes  # no face over another face or a number's disc


WEAK_SHOWN = """[...document.querySelectorAll('[data-weak] .kiosk__moment')].map(item => ({
    text: item.lastChild.textContent, hidden: item.hidden, lines: Math.round(item.clientHeight / parseFloat(
        getComputedStyle(item).lineHeight)), fits: item.scrollHeight <= item.clientHeight + 1}))"""


@pytest.mark.parametrize("ident", ["journeys-afvalpas-aanvragen", "journeys-dakkapel-vergunning"])
def test_the_weak_moments_beside_a_map_show_whole_at_1366_by_768(browser, server, site, ident):
    # Cut at the part that matters: "Belt na drie weken waar de pas blijft en
    # krijgt te horen dat ze niet…". The panel was 28vw, 16 em of its type
    # (at its floor of 24 pixels), and every label kept to three lines.
    weak = {m["id"]: m for m in playlist(site)["maps"]}[ident]["weak"]
    context, page, log = open_kiosk(browser, f"{server.url}?map={ident}", width=1366, height=768)
    try:
        shown = page.evaluate(WEAK_SHOWN)
        assert [(item["text"], item["hidden"]) for item in shown] == [(m["label"], False) for m in weak], shown
        assert page.evaluate("document.querySelector('.kiosk__panel').scrollHeight"
                             " <= document.querySelector('.kiosk__panel').clientHeight + 1")
        assert log["errors"] == []
    finally:
        context.close()


def test_weak_labels_give_up_their_extra_lines_before_a_weak_moment_is_hidden(browser, hostile):
    # A weak label may take five lines, a strong one three; where three weak
    # labels of five lines do not fit even without the strong moments (under
    # a title and a killer's headline of two lines each, on a 1280 x 720
    # screen), they keep to fewer
    # rather than the third weak moment giving way, and no strong moment
    # shows beside a weak one cut short.
    context, page, log = open_kiosk(browser, f"{hostile.url}?map=zwak", width=1280, height=720)
    try:
        shown = page.evaluate(WEAK_SHOWN)
        assert [item["hidden"] for item in shown] == [False] * 3, shown
        assert all(item["fits"] and 3 <= item["lines"] < 5 for item in shown), shown
        assert any(item["text"].endswith("\u2026") for item in shown), shown
        assert page.locator("[data-strong] .kiosk__moment:not([hidden])").count() == 0  # they gave way first
        context.close()
        context, page, log = open_kiosk(browser, f"{hostile.url}?map=zwak", width=1920, height=1080)
        shown = page.evaluate(WEAK_SHOWN)  # with room for them, their five lines
        assert [item["hidden"] for item in shown] == [False] * 3 and max(item["lines"] for item in shown) > 3, shown
        assert log["errors"] == []
    finally:
        context.close()


def test_a_portrait_screen_shows_what_fits_of_the_moments_below_a_cycle(browser, server, site):
    # Below the library's cycle, at 1080 x 1920, one strong moment of three
    # showed and 129 pixels stayed empty: each list kept a space of 3vh below
    # it, the last one's too, and the second strong moment did not fit above it.
    ident = "journeys-bibliotheek-lidmaatschap"
    context, page, log = open_kiosk(browser, f"{server.url}?map={ident}", width=1080, height=1920)
    try:
        strong = page.locator("[data-strong] .kiosk__moment:not([hidden])").count()
        assert strong >= 2, strong
        assert page.locator("[data-weak] .kiosk__moment:not([hidden])").count() == 2
        empty = page.evaluate("""innerHeight - Math.max(...[...document.querySelectorAll('.kiosk__moment')]
            .filter(item => !item.hidden).map(item => item.getBoundingClientRect().bottom))""")
        assert empty < 120, empty  # no room left for another moment
        assert log["errors"] == []
    finally:
        context.close()


def test_a_portrait_screen_gives_a_short_timeline_its_height(browser, server, site):
    # A short timeline's picture was drawn 1.6 times as wide as high: across
    # a 1080 x 1920 screen it was 662 pixels high (35%), its faces 46 pixels,
    # with 386 pixels empty below the moments. Drawn about 1.2 times as wide
    # as high it is taller there, and beside the moments no smaller.
    ident = "journeys-afvalpas-aanvragen"
    moments = {m["id"]: m for m in playlist(site)["maps"]}[ident]
    for (width, height), least in (((1080, 1920), 55), ((1920, 1080), 52), ((1366, 768), 37)):
        context, page, log = open_kiosk(browser, f"{server.url}?map={ident}", width=width, height=height)
        try:
            faces = page.evaluate(FACES)["px"]
            picture = page.locator("svg.jm-map").bounding_box()["height"]
            assert faces >= least, (width, height, faces)
            if height > width:
                assert picture >= 0.42 * height, picture
                shown = page.locator(".kiosk__moment:not([hidden])").count()
                assert shown == len(moments["weak"]) + len(moments["strong"]), shown
            assert log["errors"] == []
        finally:
            context.close()


def _panel(page) -> dict:
    """The department the header names, and each list beside the map: its heading and its moments' numbers
    (those fit() hid for room too: which moments are listed, not how many fit)."""
    return page.evaluate("""(() => {
        const named = document.querySelector('[data-department]');
        const list = kind => {
            const ol = document.querySelector('[data-' + kind + ']');
            return ol.children.length ? [ol.previousElementSibling.textContent,
                [...ol.querySelectorAll('.kiosk__number')].map(n => Number(n.textContent))] : null;
        };
        return {department: named.hidden ? null : named.innerText, weak: list('weak'), strong: list('strong')};
    })()""")


def test_a_departments_screen_names_it_and_lists_its_own_moments(browser, server, site):
    # A department head: on my office's screen (?owner=) I want MY department's moments, and the screen should
    # say it is my department's. It showed each journey's weakest and strongest moments, whoever's they were,
    # and named no department.
    data = playlist(site)
    maps = {m["id"]: m for m in data["maps"]}
    slug = "klantcontactcentrum"
    ours = [i for i, m in maps.items() if slug in m["owner_pages"]]
    # its moments beyond each journey's first three: in a file of its own, which only its screen reads
    more = json.loads((site / f"kiosk/owners/{slug}.json").read_text())["more"]

    def expected(ident: str) -> dict:
        shown = {"department": "Afdeling\nKlantcontactcentrum"}
        for kind, name in (("weak", "Zwakste momenten"), ("strong", "Sterkste momenten")):
            listed = maps[ident][kind]
            own = [m["number"] for m in listed + more.get(ident, {}).get(kind, []) if m.get("owner") == slug]
            shown[kind] = ([f"{name} van de afdeling", own] if own
                           else [f"{name} van de reis (geen van de afdeling)", [m["number"] for m in listed]]
                           if listed else None)
        return shown

    context, page, log = open_kiosk(browser, f"{server.url}?owner={slug}&interval=2", clock=True)
    try:
        seen = {}
        for _ in range(2 * len(ours) + 1):  # twice round: a busy machine may load a map after its turn
            seen[current(page)] = _panel(page)
            advance(page, 2000)
        assert set(seen) == set(ours)
        assert seen == {ident: expected(ident) for ident in ours}
        # its own weak moment of the dakkapel journey is the journey's fifth: not among the three it lists
        dakkapel = seen["journeys-dakkapel-vergunning"]
        assert dakkapel["weak"] == ["Zwakste momenten van de afdeling", [3]]
        assert 3 not in [m["number"] for m in maps["journeys-dakkapel-vergunning"]["weak"]]
        # where it owns none of a journey's strong moments, the journey's are said to be the journey's
        assert seen["journeys-afvalpas-aanvragen"]["strong"] == ["Sterkste momenten van de reis (geen van de "
                                                                 "afdeling)", [1, 2]]
        # the name at the header's right, beside the title, above the moments
        box = {part: page.locator(selector).bounding_box() for part, selector in
               (("department", "[data-department]"), ("title", "[data-title]"), ("panel", ".kiosk__panel"))}
        assert box["department"]["x"] > box["title"]["x"] + box["title"]["width"]
        assert box["department"]["y"] + box["department"]["height"] <= box["panel"]["y"]
        assert log["errors"] == []
    finally:
        context.close()

    # by its name in another case, as the screen's choice of journeys reads it, in an English journey's words
    context, page, log = open_kiosk(browser, f"{server.url}?owner=COMMUNICATIE&map=journeys-registering-as-a-"
                                             "new-resident")
    try:
        assert _panel(page) == {"department": "Department\nCommunicatie",
                                "weak": ["The journey's weakest moments (not the department's)", [2, 4]],
                                "strong": ["The department's strongest moments", [1]]}
        assert page.get_attribute(".kiosk__header", "lang") == "en"
    finally:
        context.close()

    # a screen of every journey names no department, and lists each journey's moments as before
    context, page, log = open_kiosk(browser, f"{server.url}?map=journeys-dakkapel-vergunning")
    try:
        assert _panel(page) == {"department": None,
                                "weak": ["Zwakste momenten", [5, 9, 8]], "strong": ["Sterkste momenten", [7, 14, 4]]}
        assert log["errors"] == []
    finally:
        context.close()


@pytest.mark.parametrize("found", ["missing", "another build's"])
def test_a_departments_screen_without_its_own_file_lists_its_moments_among_the_first_three(browser, server, site,
                                                                                           found):
    # Its moments beyond a journey's first three come from a file of its own (kiosk/owners/<slug>.json).
    # Not found (a server that serves the playlist alone, or a build that failed halfway), or another
    # build's (read while a new one is written: its moments may be among this one's first three, and were
    # listed twice), the screen still shows, with the department's moments among the journey's first three.
    own = json.loads((site / "kiosk/owners/klantcontactcentrum.json").read_text())
    assert own["more"]["journeys-dakkapel-vergunning"]  # what it would list from the file

    def handle(route):
        if found == "missing":
            route.fulfill(status=404, body="not found")
        else:
            route.fulfill(status=200, content_type="application/json", body=json.dumps({**own, "version": "0" * 16}))

    context, page, log = open_kiosk_routed(browser, f"{server.url}?owner=klantcontactcentrum&map=journeys-"
                                                    "dakkapel-vergunning", "**/owners/*.json", handle)
    try:
        page.clock.run_for(1000)
        page.wait_for_selector("[data-map] svg")
        # its weak moment (3) is the journey's fifth: none of the first three is its own
        assert _panel(page) == {"department": "Afdeling\nKlantcontactcentrum",
                                "weak": ["Zwakste momenten van de reis (geen van de afdeling)", [5, 9, 8]],
                                "strong": ["Sterkste momenten van de reis (geen van de afdeling)", [7, 14, 4]]}
        assert log["errors"] == []
    finally:
        context.close()


def test_a_departments_screen_shows_the_journeys_of_the_department_its_page_names(browser, server, site):
    # `?owner=klantcontactcentrum` is the department's page. A journey of another department whose name
    # reads the same in another case (a department "KLANTCONTACTCENTRUM" without a page of its own here)
    # is not on its screen: chosen by name as well, it rotated there under this department's name.
    data = playlist(site)
    other = next(m for m in data["maps"] if "klantcontactcentrum" not in m["owner_pages"])
    other["owners"] = [*other["owners"], "KLANTCONTACTCENTRUM"]
    ours = sorted(m["id"] for m in data["maps"] if "klantcontactcentrum" in m["owner_pages"])

    def handle(route):
        route.fulfill(status=200, content_type="application/json", body=json.dumps(data))

    context, page, log = open_kiosk_routed(browser, f"{server.url}?owner=klantcontactcentrum&interval=2",
                                           "**/playlist.json", handle)
    try:
        page.clock.run_for(1000)
        page.wait_for_selector("[data-map] svg")
        seen = set()
        for _ in range(2 * len(ours) + 1):  # twice round: a busy machine may load a map after its turn
            seen.add(current(page))
            advance(page, 2000)
        assert sorted(seen) == ours and other["id"] not in seen
        assert log["errors"] == []
    finally:
        context.close()


@pytest.mark.parametrize("older", [True, False], ids=["older-build", "hostile-name"])
def test_a_departments_screen_reads_an_older_playlist_and_a_hostile_name(browser, server, site, older):
    # A screen reads the last build's playlist while a new one is written: without the departments' names,
    # headings and moments' owners, it shows each journey's moments as before, without an error. A
    # department's name is front-matter: shown as text.
    data = playlist(site)
    if older:
        del data["departments"], data["department_headings"]
        for item in data["maps"]:
            for moment in item["weak"] + item["strong"]:
                moment.pop("owner", None)
    else:
        data["departments"]["klantcontactcentrum"] = "<img src=x onerror=alert(1)>KCC"

    def handle(route):
        route.fulfill(status=200, content_type="application/json", body=json.dumps(data))

    context, page, log = open_kiosk_routed(browser, f"{server.url}?owner=klantcontactcentrum&map=journeys-"
                                                    "dakkapel-vergunning", "**/playlist.json", handle)
    try:
        page.clock.run_for(1000)
        page.wait_for_selector("[data-map] svg")
        shown = _panel(page)
        if older:
            assert shown == {"department": None, "weak": ["Zwakste momenten", [5, 9, 8]],
                             "strong": ["Sterkste momenten", [7, 14, 4]]}
        else:
            assert shown["department"] == "Afdeling\n<img src=x onerror=alert(1)>KCC"
            assert page.locator("[data-department] img").count() == 0
        assert log["errors"] == []
    finally:
        context.close()
