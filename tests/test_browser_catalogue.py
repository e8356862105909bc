"""The catalogue and search, in Chromium, on the example site."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from PIL import Image

from browsing import type_search
from sites import build, make_site

pytestmark = pytest.mark.browser

CONTENT = Path(__file__).resolve().parent.parent / "content"


def raw_journeys() -> dict[str, dict]:
    """title -> journey, read straight from the YAML (not through our code)."""
    found = {}
    for path in CONTENT.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n")[1]) if text.startswith("---\n") else None
        if isinstance(meta, dict) and "journey" in meta:
            found[meta["title"]] = meta["journey"]
    return found


def owners_of(journey: dict) -> set[str]:
    return {tp.get("owner") or journey.get("owner") for tp in journey["touchpoints"]} - {None}


@pytest.fixture(scope="module")
def site_url(example_site, serve):
    return serve(example_site)


def visible_titles(page) -> list[str]:
    return page.locator(".jm-card:visible .jm-card__title").all_inner_texts()


def test_filter_by_owner_and_by_verdict(browser, site_url, screenshots):
    journeys = raw_journeys()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "journeys/")
    assert sorted(visible_titles(page)) == sorted(journeys)

    page.select_option("select[name=owner]", "Klantcontactcentrum")
    expected = sorted(t for t, j in journeys.items() if "Klantcontactcentrum" in owners_of(j))
    assert len(expected) >= 2 and sorted(visible_titles(page)) == expected
    assert page.inner_text("[data-jm-count]") == f"{len(expected)} van {len(journeys)} reizen getoond"

    page.select_option("select[name=owner]", "")
    page.select_option("select[name=verdict]", "killed")
    killed = sorted(t for t, j in journeys.items() if any("killer" in tp for tp in j["touchpoints"]))
    assert killed and sorted(visible_titles(page)) == killed
    page.screenshot(path=str(screenshots / "catalogue-killed.png"), full_page=True)

    page.select_option("select[name=verdict]", "")
    page.select_option("select[name=sort]", "title")
    assert visible_titles(page) == sorted(journeys, key=str.casefold)  # as a Dutch reader looks them up
    assert errors == []
    page.close()


def test_a_word_finds_journeys_by_their_cards_phases_and_channels(browser, site_url):
    # Among hundreds of journeys a reader looks one up by a word of its name,
    # persona or department; the catalogue had only lists to choose from.
    journeys = raw_journeys()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "journeys/")
    page.fill("input[name=find]", "VOOROVERLEG")  # a phase, which no card writes out
    phased = [t for t, j in journeys.items() if "Vooroverleg" in j.get("phases", [])]
    assert len(phased) == 1 and visible_titles(page) == phased
    assert "Vooroverleg" not in page.locator(".jm-card", has_text=phased[0]).inner_text()
    page.fill("input[name=find]", "ÉÉN of twee")  # a persona's words, in any case, with or without accents
    persona = [t for t, j in journeys.items() if "één of twee" in j.get("persona", "")]
    assert persona and set(persona) <= set(visible_titles(page)) and len(visible_titles(page)) < len(journeys)
    assert page.inner_text("[data-jm-count]") == f"{len(visible_titles(page))} van {len(journeys)} reizen getoond"
    assert errors == []
    page.close()


def test_a_filtered_list_has_an_address_to_share_and_a_way_back_to_every_journey(browser, site_url):
    journeys = raw_journeys()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(site_url + "journeys/")
    assert not page.locator("[data-jm-clear]").is_visible()
    page.select_option("select[name=sort]", "title")
    page.select_option("select[name=verdict]", "killed")
    page.fill("input[name=find]", "vooroverleg")  # the dakkapel journey has no killer
    assert visible_titles(page) == [] and page.inner_text("[data-jm-count]") == f"0 van {len(journeys)} reizen getoond"
    shared = page.url
    assert shared.endswith("/journeys/?sort=title&verdict=killed&find=vooroverleg"), shared

    colleague = browser.new_page(viewport={"width": 1400, "height": 1000})
    colleague.goto(shared)
    assert colleague.input_value("input[name=find]") == "vooroverleg"
    assert colleague.input_value("select[name=verdict]") == "killed" and visible_titles(colleague) == []
    colleague.click("[data-jm-clear]")  # the filters go, the order stays
    assert visible_titles(colleague) == sorted(journeys, key=str.casefold)
    assert colleague.input_value("select[name=verdict]") == "" and colleague.input_value("input[name=find]") == ""
    assert colleague.url.endswith("/journeys/?sort=title") and not colleague.locator("[data-jm-clear]").is_visible()
    colleague.goto(site_url + "journeys/?owner=Nergens&verdict=killed")  # a department that is gone: ignored
    assert colleague.input_value("select[name=owner]") == ""
    assert 0 < len(visible_titles(colleague)) < len(journeys)
    colleague.close()
    page.close()


def test_show_all_leaves_focus_on_a_choice_not_the_text_field(browser, site_url):
    # The button hides once pressed, and focus went to the text field, which
    # opens a phone's keyboard over the list just shown. Not to <body>
    # either: a screen reader would start over at the top of the page.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "journeys/?verdict=killed&find=a")
    page.tap("[data-jm-clear]")
    assert page.evaluate("[document.activeElement.tagName, document.activeElement.name]") == ["SELECT", "owner"]
    assert not page.locator("[data-jm-clear]").is_visible()
    context.close()


def test_each_choice_says_how_many_journeys_it_finds(browser, site_url):
    # 59 phases in one list, a team's own words beside the ones most journeys
    # share, and no way to tell them apart but to try each.
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(site_url + "journeys/")
    said = []
    for name in ("owner", "status", "verdict", "phase", "channel"):
        select = f"select[name={name}]"
        options = page.locator(f"{select} option:not([value=''])").evaluate_all(
            "options => options.map(option => [option.value, option.textContent])")
        for value, text in options:
            page.select_option(select, value)
            said.append((text, len(visible_titles(page))))
        page.select_option(select, "")
    assert len(said) > 40 and len({shown for _, shown in said}) > 2
    assert all(text.endswith(f" ({shown})") for text, shown in said), said
    page.close()


def test_a_narrowed_list_says_its_choices_count_every_journey(browser, site_url):
    # Under one department, "3 of 11 journeys shown" stood above phases that
    # counted all 11 journeys: a phase "(5)" found 2 of the 3.
    total = len(raw_journeys())
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(site_url + "journeys/")
    note = page.locator("[data-jm-note]")
    assert not note.is_visible()  # every journey shown: the numbers add up as they are
    page.select_option("select[name=owner]", "Klantcontactcentrum")
    assert note.is_visible() and note.inner_text() == f"(het getal bij een keuze telt alle {total} reizen)"
    page.click("[data-jm-clear]")
    assert not note.is_visible()
    page.close()


def test_a_card_shown_for_a_department_names_that_department(browser, site_url):
    # The filter finds a journey by its owner or by a moment's owner; a card
    # that named only the journey's owner looked like a wrong match.
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(site_url + "journeys/")
    assert page.inner_text("label:has(select[name=owner])").startswith("Betrokken afdeling")
    departments = page.locator("select[name=owner] option:not([value=''])").evaluate_all(
        "options => options.map(option => option.value)")
    assert "ICT" in departments
    for department in departments:
        page.select_option("select[name=owner]", department)
        cards = page.locator(".jm-card:visible").all_inner_texts()
        assert cards, department
        for card in cards:
            assert re.search(rf"(?<!\w){re.escape(department)}(?!\w)", card), (department, card)
    page.close()


@pytest.mark.parametrize("width", [390, 1400])
def test_a_card_keeps_each_fact_name_on_one_line(browser, site_url, width):
    # A long list of departments squeezed its name into two lines ("Ook / betrokken").
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto(site_url + "journeys/")
    broken = page.evaluate("""[...document.querySelectorAll('.jm-card dt')].filter(dt => {
        const range = document.createRange();
        range.selectNodeContents(dt);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
    }).map(dt => dt.textContent)""")
    assert broken == []
    page.close()


def test_back_on_the_catalogue_it_shows_what_the_restored_filters_say(browser, site_url):
    # The browser puts the chosen filters back without a change event: the
    # script showed every journey under a filter saying otherwise.
    journeys = raw_journeys()
    expected = sorted((t for t, j in journeys.items() if "Klantcontactcentrum" in owners_of(j)), key=str.casefold)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(site_url + "journeys/")
    page.select_option("select[name=owner]", "Klantcontactcentrum")
    page.select_option("select[name=sort]", "title")
    page.click(f".jm-card__title >> text={expected[-1]}")
    page.wait_for_url(lambda url: not url.endswith("/journeys/"))

    page.go_back()
    assert page.input_value("select[name=owner]") == "Klantcontactcentrum"  # what the browser restored
    count = f"{len(expected)} van {len(journeys)} reizen getoond"
    page.wait_for_function("text => document.querySelector('[data-jm-count]').textContent === text", arg=count,
                           timeout=5000)
    assert visible_titles(page) == expected
    page.close()


def test_back_within_the_catalogue_shows_what_its_address_says(browser, site_url):
    # A link to a heading adds an entry of the same page; Back to the one
    # before it kept the filters chosen since (test_browser_instant has it
    # with Material's instant loading).
    journeys = raw_journeys()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(site_url + "journeys/?verdict=killed")
    page.focus("a.md-skip")
    page.keyboard.press("Enter")
    page.wait_for_url("**/journeys/?verdict=killed#jm-title")
    page.select_option("select[name=verdict]", "")
    page.fill("input[name=find]", "vooroverleg")
    page.go_back()
    page.wait_for_url("**/journeys/?verdict=killed")
    assert page.input_value("select[name=verdict]") == "killed" and page.input_value("input[name=find]") == ""
    killed = [t for t, j in journeys.items() if any("killer" in tp for tp in j["touchpoints"])]
    assert sorted(visible_titles(page)) == sorted(killed)
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_beside_a_narrow_map_a_thumbnail_shows_the_page_background(browser, site_url, screenshots, scheme):
    # The thumbnails are the standalone SVGs, which turn dark with the page;
    # the box around a narrow one was white, a bright block in the dark.
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "journeys/")
    background = [int(v) for v in
                  re.findall(r"\d+", page.evaluate("getComputedStyle(document.body).backgroundColor"))[:3]]
    assert (sum(background) < 300) == (scheme == "dark"), background
    margins = 0
    for thumb in page.locator(".jm-card__thumb img").all():
        thumb.scroll_into_view_if_needed()
        thumb.evaluate("img => img.decode()")
        box = thumb.evaluate("""img => {
            const r = img.getBoundingClientRect(),
                scale = Math.min(r.width / img.naturalWidth, r.height / img.naturalHeight);
            return {width: r.width, height: r.height,
                    drawn: img.naturalWidth * scale, drawnHeight: img.naturalHeight * scale};
        }""")
        picture = Image.open(io.BytesIO(thumb.screenshot())).convert("RGB")
        if box["width"] - box["drawn"] > 8:  # the map is narrower than its box: the box shows right of it
            strip = (round(box["drawn"]) + 2, 4, picture.width - 4, picture.height - 4)
        elif box["height"] - box["drawnHeight"] > 8:
            strip = (4, round(box["drawnHeight"]) + 2, picture.width - 4, picture.height - 4)
        else:
            continue
        margins += 1
        extremes = picture.crop(strip).getextrema()  # (lowest, highest) of red, green and blue
        assert all(abs(low - b) <= 3 and abs(high - b) <= 3 for (low, high), b in zip(extremes, background)), \
            (scheme, thumb.get_attribute("src"), extremes, background)
    assert margins  # the example site has narrow maps
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / f"catalogue-{scheme}.png"))
    context.close()


def test_catalogue_without_javascript_lists_every_journey(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "journeys/")
    assert sorted(visible_titles(page)) == sorted(raw_journeys())
    assert not page.locator("[data-jm-filters]").is_visible()  # no controls that cannot work
    context.close()


def test_search_for_a_quote_finds_its_journey(browser, site_url):
    journeys = raw_journeys()
    title, quote = next(
        (t, tp["quote"]) for t, j in sorted(journeys.items()) for tp in j["touchpoints"]
        if len(tp.get("quote", "")) > 30
    )
    words = " ".join(quote.strip('"').split()[:4])
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    messages = []
    page.on("console", lambda m: messages.append(m.type + ": " + m.text))
    page.on("requestfailed", lambda r: messages.append("failed: " + r.url))
    page.goto(site_url, wait_until="networkidle")  # the search index is loaded by then
    found = page.locator(".md-search-result__item", has_text=title)
    type_search(page, words, expect=found)
    assert found.count() >= 1, (words, page.locator(".md-search-result__item").all_inner_texts(), messages,
                                page.inner_text(".md-search-result__meta"))
    page.close()


def test_search_for_a_pain_point_leads_to_its_moment_s_row(browser, site_url, screenshots):
    # Each moment is a result of its own, titled with its label, that opens
    # the journey at its row: as one section of the whole table, a search for
    # a pain point led to the top of a table of up to twenty rows.
    journeys = raw_journeys()
    title, label, pain = next(
        (t, tp["label"], tp["pain"]) for t, j in sorted(journeys.items()) for n, tp in enumerate(j["touchpoints"])
        if len(tp.get("pain", "").split()) >= 6 and n >= 5  # far enough down a table to be out of view
    )
    words = " ".join(pain.split()[1:5])
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(site_url, wait_until="networkidle")
    # A section's title is an h2 in Material's results (a page's an h1); ranked below its page, it is
    # under "n more matches on this page", opened here as a person would.
    found = page.locator(".md-search-result__link", has=page.locator("h2", has_text=label))
    type_search(page, words, expect=page.locator(".md-search-result__item", has_text=title))
    page.locator("details.md-search-result__more").evaluate_all("all => all.forEach(d => { d.open = true; })")
    assert found.count() == 1, (words, page.locator(".md-search-result__item").all_inner_texts())
    page.screenshot(path=str(screenshots / "search-moment.png"))
    found.click()
    page.wait_for_function("document.querySelector(':target') !== null")
    row = page.evaluate("""() => {
        const row = document.querySelector(':target'), box = row.getBoundingClientRect();
        return {tag: row.tagName, text: row.innerText, top: box.top, bottom: box.bottom,
                title: document.querySelector('h1').innerText};
    }""")
    assert row["tag"] == "TR" and label in row["text"] and pain in row["text"], row
    assert row["title"] == title
    assert 0 <= row["top"] < 900, row  # scrolled to, not left below the fold
    page.close()


@pytest.mark.parametrize("width", [320, 390, 768])
def test_on_a_phone_each_card_s_text_takes_the_card_s_width(browser, site_url, screenshots, width):
    # Beside a picture, a card's text had a third of a phone's width: words
    # broke, facts ran out of the card and the page scrolled sideways.
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(site_url + "journeys/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    cards = page.evaluate("""[...document.querySelectorAll('.jm-card')].map(card => {
        const box = card.getBoundingClientRect(), body = card.querySelector('.jm-card__body');
        const overflow = [...card.querySelectorAll('*')].some(e => e.getBoundingClientRect().right > box.right + 0.5);
        return {card: box.width, body: body.getBoundingClientRect().width, overflow};
    })""")
    assert len(cards) == len(raw_journeys())
    for card in cards:
        assert not card["overflow"], card
        if width < 720:  # a phone: the text takes the card's width
            assert card["body"] >= card["card"] * 0.8, card
    page.screenshot(path=str(screenshots / f"catalogue-{width}.png"), full_page=True)
    context.close()


def test_a_keyboard_s_place_is_ringed_on_every_filter(browser, site_url):
    # Material takes the outline off a text field: tabbing to it showed nothing.
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "journeys/?find=a")  # the 'show all' button is shown too
    rings = {}
    for _ in range(60):
        page.keyboard.press("Tab")
        ring = page.evaluate("""() => {
            const field = document.activeElement;
            if (!field.closest('.jm-filters')) return null;
            const style = getComputedStyle(field);
            return [field.name || field.textContent.trim(), style.outlineStyle, parseFloat(style.outlineWidth)];
        }""")
        if ring:
            rings[ring[0]] = ring[1:]
    assert len(rings) >= 8, rings  # the text field, six choices and the button
    assert all(style != "none" and width >= 2 for style, width in rings.values()), rings
    page.close()


def test_on_a_phone_the_filters_type_at_16_pixels_or_more(browser, site_url):
    # The text field's 13.3 pixels, the browser's own, made iOS Safari zoom
    # the page in as it took focus, and leave it zoomed.
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + "journeys/")
    sizes = page.locator(".jm-filters input, .jm-filters select").evaluate_all(
        "fields => fields.map(field => [field.name, parseFloat(getComputedStyle(field).fontSize)])")
    assert len(sizes) == 7 and all(size >= 16 for _, size in sizes), sizes
    page.close()


def test_on_a_phone_the_first_screen_names_the_worst_journey_and_why(browser, site_url, screenshots):
    # Above each card's text stood its map, shrunk to 9rem high and a phone's
    # width: text a pixel or two high that no one could read, and the worst
    # journey's verdict below the first screen (at 390 px its title began at 830 px).
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + "journeys/")
    first = page.locator(".jm-card").first
    for part in (".jm-card__title", ".jm-card__verdict"):
        box = first.locator(part).bounding_box()
        assert box["y"] + box["height"] <= 844, (part, box)
    assert "Onderuit door" in first.locator(".jm-card__verdict").inner_text()
    assert page.locator(".jm-card__thumb:visible").count() == 0  # nor a picture too small to read further down
    page.screenshot(path=str(screenshots / "catalogue-first-screen.png"))
    page.close()


def printed(page) -> list[str]:
    """The text of each A4 sheet the page prints on, in single spaces."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(page.pdf(format="A4", print_background=True))
    return [" ".join(sheet.get_textpage().get_text_range().split()) for sheet in pdf]


def test_the_catalogue_prints_compactly(browser, site_url, screenshots):
    # Printed, each card kept its 9rem map beside its text, squeezed to half
    # the sheet's width, and its facts took four to eight lines: the example's
    # 11 journeys took 5 A4 sheets, two or three cards a sheet.
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(site_url + "journeys/", wait_until="networkidle")
    cards = page.locator(".jm-card").evaluate_all("""cards => cards.map(card => [
        card.querySelector('.jm-card__title').textContent,
        card.querySelector('.jm-card__verdict').textContent.trim().split(/\\s+/).join(' ')])""")
    sheets = printed(page)
    assert len(cards) == len(raw_journeys()) and len(sheets) <= 2, len(sheets)
    for title, verdict in cards:  # each journey's title with its verdict and score, on one sheet
        assert any(title in text and verdict in text.split(title, 1)[1] for text in sheets), (title, verdict)
    page.emulate_media(media="print")
    assert page.locator(".jm-card__thumb:visible").count() == 0  # a map too small to read is left out
    page.screenshot(path=str(screenshots / "catalogue-print.png"), full_page=True)
    page.emulate_media(media="screen")  # the screen keeps its maps
    assert page.locator(".jm-card__thumb:visible").count() == len(cards)
    page.close()


def test_a_printed_catalogue_names_the_filters_in_use_only(browser, site_url):
    # Printed, the six controls stood above the list as empty form fields; a
    # sheet of a filtered list now says what it lists.
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(site_url + "journeys/", wait_until="networkidle")
    page.select_option("select[name=owner]", "Klantcontactcentrum")
    first = printed(page)[0]
    assert "Betrokken afdeling Klantcontactcentrum" in first
    for unused in ("Oordeel", "Kanaal", "Sorteren"):  # left at their first choice
        assert unused not in first, unused
    page.close()


def journey_page(title: str, score: float, *, status: str = "as-is", baseline: str = "") -> str:
    return f"""---
title: {title}
journey:
  status: {status}
  {f"baseline: {baseline}" if baseline else ""}
  touchpoints:
    - {{label: Aanvragen, score: {score}}}
---
"""


def test_a_redesign_parted_from_its_baseline_is_no_longer_indented(browser, serve, tmp_path):
    # A redesign is indented under its baseline; set apart from it by a
    # filter or the sort, it stayed indented under another journey.
    make_site(tmp_path, {
        "vandaag.md": journey_page("Vandaag", 2),
        "ontwerp-a.md": journey_page("Ontwerp A", 4, status="to-be", baseline="vandaag.md"),
        "ontwerp-b.md": journey_page("Ontwerp B", 4.5, status="to-be", baseline="vandaag.md"),
        "anders.md": journey_page("Anders", 3),
    })
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(serve(tmp_path / "site") + "journeys/")

    def indented() -> list[tuple[str, bool]]:
        """The visible cards in order, and whether each stands further right than the list's edge."""
        cards = page.evaluate("""() => [...document.querySelectorAll('.jm-card')].filter(card => !card.hidden)
            .map(card => [card.querySelector('.jm-card__title').textContent, card.getBoundingClientRect().left])""")
        edge = page.evaluate("document.querySelector('.jm-cards').getBoundingClientRect().left")
        return [(title, left > edge + 1) for title, left in cards]

    # both redesigns right under their baseline, worst first
    assert indented() == [("Vandaag", False), ("Ontwerp A", True), ("Ontwerp B", True), ("Anders", False)]
    page.select_option("select[name=sort]", "title")
    assert indented() == [("Anders", False), ("Ontwerp A", False), ("Ontwerp B", False), ("Vandaag", False)]
    page.select_option("select[name=sort]", "worst")
    page.select_option("select[name=status]", "to-be")
    assert indented() == [("Ontwerp A", False), ("Ontwerp B", False)]
    page.select_option("select[name=status]", "")
    assert indented()[1:3] == [("Ontwerp A", True), ("Ontwerp B", True)]
    page.close()


def test_a_catalogue_of_the_site_s_own_without_text_field_order_or_button_still_filters(browser, serve, tmp_path):
    # A site's catalogue.html (custom_dir) may leave out the text field, the
    # order or the "show all" button; the script stopped at the missing one,
    # and no filter did anything.
    make_site(tmp_path, {"vandaag.md": journey_page("Vandaag", 2), "anders.md": journey_page("Anders", 3),
                         "ontwerp.md": journey_page("Ontwerp", 4, status="to-be", baseline="vandaag.md")})
    template = (Path(__file__).parent.parent / "plugins/journeymaps/templates/journeys/catalogue.html").read_text()
    template, found = re.subn(r'\s*<label class="jm-filters__find">.*?</label>|\s*<label>{{ labels.sort }}.*?</label>'
                              r'|\s*<button[^>]*data-jm-clear.*?</button>', "", template, flags=re.S)
    assert found == 3
    (tmp_path / "overrides/journeys").mkdir(parents=True)
    (tmp_path / "overrides/journeys/catalogue.html").write_text(template)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"))
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    built = (tmp_path / "site/journeys/index.html").read_text()
    assert "data-jm-clear" not in built and 'name="find"' not in built and 'name="sort"' not in built

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(5000)
    page.goto(serve(tmp_path / "site") + "journeys/")
    page.select_option("select[name=status]", "to-be")
    assert visible_titles(page) == ["Ontwerp"] and page.inner_text("[data-jm-count]") == "1 van 3 reizen getoond"
    assert page.url.endswith("/journeys/?status=to-be")
    assert errors == []
    page.close()
