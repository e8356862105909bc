// journeymaps: filtering and sorting of the journey catalogue, and the
// printed date under a journey poster.
// Without this script the catalogue is a plain list, worst journeys first.
(function () {
  "use strict";

  function values(item, name) {
    var raw = item.getAttribute("data-" + name) || "";
    if (raw.charAt(0) === "[") {
      try { return JSON.parse(raw); } catch (e) { return []; }
    }
    return [raw];
  }

  var sorters = {
    worst: function (a, b) { return a.dataset.rank - b.dataset.rank; },
    // In the order of the page's language (the browser's own may be another).
    title: function (a, b) { return a.dataset.title.localeCompare(b.dataset.title, document.documentElement.lang || undefined); },
    updated: function (a, b) { return (b.dataset.updated || "").localeCompare(a.dataset.updated || ""); },
    voice: function (a, b) { return a.dataset.voice - b.dataset.voice || a.dataset.rank - b.dataset.rank; }
  };

  // A redesign is indented under the journey it redesigns (journeys.css).
  // Parted from it by a filter or the sort, it stands in line with the rest:
  // it stays indented only while the cards between it and its baseline are
  // that baseline's other redesigns, or theirs.
  function standApart(shown) {
    var group = {};  // keys of a baseline and the redesigns right under it
    shown.forEach(function (item) {
      var baseline = item.getAttribute("data-baseline");
      var under = baseline !== null && group[baseline] === true;
      item.classList.toggle("jm-card--apart", baseline !== null && !under);
      if (!under) group = {};
      group[item.getAttribute("data-key")] = true;
    });
  }

  // Case and accents aside: "orienteren" finds "Oriënteren".
  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // A field at its first choice (all journeys, worst first) or empty filters nothing.
  function initial(field) {
    return field.options ? field.options[0].value : "";
  }

  // A site's own catalogue.html (custom_dir) may leave out the text field,
  // the count or the "show all" button: what it has still works.
  function setUp(catalogue) {
    var form = catalogue.querySelector("[data-jm-filters]");
    var list = catalogue.querySelector("[data-jm-list]");
    if (!form || !list) return { update: function () {}, reread: function () {} };
    var count = catalogue.querySelector("[data-jm-count]");
    var clear = catalogue.querySelector("[data-jm-clear]");
    var note = catalogue.querySelector("[data-jm-note]");
    var find = form.elements.namedItem("find");
    var sort = form.elements.namedItem("sort");
    var items = Array.prototype.slice.call(list.children);
    var template = catalogue.getAttribute("data-jm-shown") || "{shown} / {total}";
    var fields = Array.prototype.filter.call(form.elements, function (field) { return field.name; });
    var filters = fields.filter(function (field) { return field.name !== "sort"; });
    var selects = filters.filter(function (field) { return field.options; });
    // What the text filter looks in: the words a card shows, and its phases and channels, which it does not.
    var words = items.map(function (item) {
      var shown = Array.prototype.map.call(item.querySelectorAll(".jm-card__title, .jm-card__verdict, dd"),
                                           function (element) { return element.textContent; });
      return folded(shown.concat(values(item, "phase"), values(item, "channel")).join(" "));
    });

    // A filtered list has an address of its own, to send to a colleague or
    // bookmark: the fields not at their first choice are in its query (the
    // text as "find": Material opens its search on a "q"). A field the query
    // leaves out, or gives a choice no longer offered, is at its first
    // choice: read again on Back, it had kept what the later visit chose.
    function fromAddress() {
      var asked = new URLSearchParams(location.search);
      fields.forEach(function (field) {
        var value = asked.get(field.name);
        var offered = !field.options || Array.prototype.some.call(field.options, function (o) { return o.value === value; });
        field.value = value !== null && offered ? value : initial(field);
      });
    }

    function toAddress() {
      var query = new URLSearchParams(location.search);
      fields.forEach(function (field) {
        if (field.value !== initial(field)) query.set(field.name, field.value);
        else query.delete(field.name);
      });
      var search = query.toString();
      var address = location.pathname + (search ? "?" + search : "") + location.hash;
      if (address !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", address);
    }

    function update() {
      var shown = 0;
      var asked = find ? folded(find.value).split(/\s+/).filter(Boolean) : [];
      items.forEach(function (item, i) {
        var visible = selects.every(function (select) {
          return !select.value || values(item, select.name).indexOf(select.value) !== -1;
        }) && asked.every(function (word) { return words[i].indexOf(word) !== -1; });
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      var order = items.slice().sort((sort && sorters[sort.value]) || sorters.worst);
      // Moved only when the order changed: a card moved is laid out anew, and
      // laying out 300 cards took most of the time a filter's choice took to show.
      var moved = order.some(function (item, i) { return list.children[i] !== item; });
      if (moved) order.forEach(function (item) { list.appendChild(item); });
      standApart(order.filter(function (item) { return !item.hidden; }));
      if (count) count.textContent = template.replace("{shown}", shown).replace("{total}", items.length);
      var all = filters.every(function (field) { return field.value === initial(field); });
      if (clear) clear.hidden = all;
      if (note) note.hidden = all;  // every journey shown: the choices' numbers need no word
      toAddress();
    }

    // Focus leaves the button, now hidden, for the first choice (the list
    // without one): not <body>, where a screen reader starts over, nor the
    // text field, which opens a phone's keyboard over the list.
    var after = fields.filter(function (field) { return field.options; })[0] || list;
    if (after === list) list.setAttribute("tabindex", "-1");
    if (clear) clear.addEventListener("click", function () {
      filters.forEach(function (field) { field.value = initial(field); });
      update();
      after.focus();
    });
    form.hidden = false;
    form.addEventListener("input", update);  // a select's choice too, and each key typed
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    fromAddress();
    update();
    var path = location.pathname;
    return {
      update: update,
      // Back or Forward to another entry of this same page (one a link to a
      // heading added; Material's instant loading swaps a page in only when
      // the path changes): the address is read again. Not on the way to
      // another page: this catalogue is leaving, and its fields would be
      // written into that page's address.
      reread: function () {
        if (location.pathname !== path) return;
        fromAddress();
        update();
      }
    };
  }

  // A poster says when it was printed and where the living map is.
  function stampPrinted(note) {
    // In the language of the line's words: a journey in another language than the site's says so (lang).
    var lang = (note.closest("[lang]") || document.documentElement).lang;
    var date = new Date().toLocaleDateString(lang || undefined, { dateStyle: "long" });
    var url = location.href.split("#")[0];
    // (functions, so a "$" in the address is not read as a replacement pattern)
    note.textContent = note.getAttribute("data-jm-printed")
      .replace("{date}", function () { return date; })
      .replace("{url}", function () { return url; });
  }

  function stampAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-jm-printed]"), stampPrinted);
  }

  // Stamped again as it is printed: a page left open for days printed the
  // day it was loaded, and the poster looked newer than it was.
  window.addEventListener("beforeprint", stampAll);

  // Material wraps a Markdown table in a box that scrolls sideways on a
  // narrow screen; a keyboard can scroll it only when it can take focus.
  function makeScrollable(box) {
    if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
  }

  // A map wider than the page scrolls sideways, and a scrollbar is easy to
  // miss (below the map, or hidden until used): the side with more of the
  // map fades out (journeys.css), so the cut-off moment reads as "more this way".
  function showHiddenSides(box) {
    function update() {
      var hidden = box.scrollWidth - box.clientWidth;
      box.classList.toggle("jm-scroll--more-left", hidden > 1 && box.scrollLeft > 1);
      box.classList.toggle("jm-scroll--more-right", hidden > 1 && box.scrollLeft < hidden - 1);
    }
    box.addEventListener("scroll", update, { passive: true });
    update();
    return update;
  }

  // A long timeline's scrollbar is under the map, a screen or more below its
  // first moments, and the fade is easy to read past: a 14-moment journey at
  // 1366 px showed its first six moments and hid its two angriest. Above the
  // map, a button at each edge with moments past it says how many, and
  // scrolls them in (most of a screen at a time).
  function countHiddenMoments(box) {
    var svg = box.querySelector("svg.jm-map--timeline");
    var one = box.getAttribute("data-jm-one"), many = box.getAttribute("data-jm-many");
    var ways = { "-1": box.getAttribute("data-jm-left"), "1": box.getAttribute("data-jm-right") };
    if (!svg || !one || !many || !ways["-1"] || !ways["1"]) return function () {};
    var nav = document.createElement("div");
    nav.className = "jm-scroll-nav";
    nav.hidden = true;
    var buttons = [-1, 1].map(function (way) {
      var button = document.createElement("button"), words = document.createElement("span");
      var arrow = document.createElement("span");
      button.type = "button";
      button.className = "jm-scroll-nav__button jm-scroll-nav__button--" + (way < 0 ? "left" : "right");
      arrow.textContent = way < 0 ? "\u2190" : "\u2192";
      arrow.setAttribute("aria-hidden", "true");
      button.append.apply(button, way < 0 ? [arrow, words] : [words, arrow]);
      button.addEventListener("click", function () {
        var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        // most of what shows beside the column that stays, so no moment is stepped over
        box.scrollBy({ left: way * (box.clientWidth - frozenWidth()) * 0.8, behavior: still ? "auto" : "smooth" });
      });
      nav.appendChild(button);
      return { button: button, words: words, way: way };
    });
    box.parentNode.insertBefore(nav, box);
    // Each moment's label, a link or (in a ```journey block, without `related`) text.
    var moments = svg.querySelectorAll("g.jm-label > *");
    function frozenWidth() {
      return parseFloat(box.style.getPropertyValue("--jm-frozen")) || 0;
    }
    function update() {
      var b = box.getBoundingClientRect();
      // past the left edge: under the column that stays while it is scrolled, too
      var left = b.left + (box.scrollLeft > 1 ? frozenWidth() : 0);
      var past = { "-1": 0, "1": 0 };
      Array.prototype.forEach.call(moments, function (moment) {
        var r = moment.getBoundingClientRect(), middle = r.left + r.width / 2;
        if (!r.width) return;
        if (middle < left) past["-1"] += 1;
        else if (middle > b.right) past["1"] += 1;
      });
      buttons.forEach(function (side) {
        var n = past[String(side.way)];
        side.words.textContent = n === 1 ? one : many.replace("{n}", String(n));
        // the arrow is not read out: the name says the way
        side.button.setAttribute("aria-label", side.words.textContent + " " + ways[String(side.way)]);
      });
      buttons.forEach(function (side) {
        var hide = !past[String(side.way)];
        if (hide && document.activeElement === side.button) {
          // Focus would fall to the page's start with the button that had it (the last step to an edge).
          var other = buttons.filter(function (s) { return s !== side && past[String(s.way)]; })[0];
          (other ? other.button : box).focus();
        }
        side.button.hidden = hide;
      });
      nav.hidden = !past["-1"] && !past["1"];
    }
    box.addEventListener("scroll", update, { passive: true });
    update();
    return update;
  }

  // Scrolled sideways, a wide map keeps its first column in view, as a
  // spreadsheet freezes it: the scale and the lanes' names of a timeline
  // (which lane is pain, which is chance?), the departments of the overview.
  // They are moved into a group drawn last, over a band of the page's
  // colour that shows only while the map is scrolled.
  var FROZEN = ".jm-texts > .jm-axis, .jm-texts > .jm-lane-title, .jm-texts > .jm-heat-owner";
  function freezeFirstColumn(box) {
    var svg = box.querySelector("svg.jm-map--timeline, svg.jm-map--heatmap");
    var groups = svg ? svg.querySelectorAll(FROZEN) : [];
    if (!groups.length || !svg.viewBox.baseVal) return function () {};
    var texts = groups[0].parentNode, svgNS = "http://www.w3.org/2000/svg";
    var frozen = document.createElementNS(svgNS, "g"), back = document.createElementNS(svgNS, "rect");
    frozen.setAttribute("class", "jm-frozen");
    back.setAttribute("class", "jm-frozen__back");
    frozen.appendChild(back);
    Array.prototype.forEach.call(groups, function (group) { frozen.appendChild(group); });
    var legend = texts.querySelector(":scope > .jm-legend");
    texts.insertBefore(frozen, legend);
    var area = null;
    // Measured once the map is drawn: on a phone the wide map is hidden (the
    // turned map shows instead) and measures 0 by 0 until the screen widens.
    function measure() {
      var drawn = frozen.getBBox();
      if (!drawn.width) return false;
      area = drawn;
      back.setAttribute("width", String(area.x + area.width + 8));
      // From the top (what scrolls goes under it) down to the legend, which stays as drawn.
      back.setAttribute("height", String(legend ? legend.getBBox().y - 8 : svg.viewBox.baseVal.height));
      return true;
    }
    function scale() {
      return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width || 1;
    }
    function update() {
      if (!area && !measure()) return;
      frozen.setAttribute("transform", "translate(" + box.scrollLeft / scale() + " 0)");
      svg.classList.toggle("jm-map--scrolled", box.scrollLeft > 1);
      box.style.setProperty("--jm-frozen", (area.x + area.width + 8) * scale() + "px");
    }
    box.addEventListener("scroll", update, { passive: true });
    // A moment reached by Tab comes out from under the column, where its
    // focus ring was hidden (the browser scrolls only what is out of the box).
    box.addEventListener("focusin", function (event) {
      if (!area) return;
      var column = box.getBoundingClientRect().left + (area.x + area.width + 8) * scale();
      var left = event.target.getBoundingClientRect().left;
      if (box.scrollLeft > 1 && left < column + 8) box.scrollLeft -= column + 8 - left;
    });
    update();
    return update;
  }

  var onResize = [];  // for the wide maps of the page shown now
  window.addEventListener("resize", function () {
    onResize.forEach(function (update) { update(); });
  });

  // Back to the catalogue, the browser puts back the filters the reader had
  // chosen without a change event: Chromium after the load event, just
  // before pageshow; from the back-forward cache, pageshow alone. So the
  // catalogue shows what its form says whenever the page is shown.
  var catalogues = [];  // of the page shown now
  window.addEventListener("pageshow", function () {
    catalogues.forEach(function (catalogue) { catalogue.update(); });
  });
  window.addEventListener("popstate", function () {
    catalogues.forEach(function (catalogue) { catalogue.reread(); });
  });

  function start() {
    catalogues = Array.prototype.map.call(document.querySelectorAll("[data-jm-catalogue]"), setUp);
    stampAll();
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), makeScrollable);
    var boxes = document.querySelectorAll(".jm-scroll");
    // A table too wide for a phone scrolls with no more sign of it than a
    // map: its columns past the edge (a department list's counts) fade too.
    var tables = document.querySelectorAll(".jm-table-wrap");
    onResize = Array.prototype.map.call(boxes, showHiddenSides)
      .concat(Array.prototype.map.call(tables, showHiddenSides))
      .concat(Array.prototype.map.call(boxes, freezeFirstColumn))
      .concat(Array.prototype.map.call(boxes, countHiddenMoments));
  }

  // Material's instant loading (navigation.instant) shows the pages a reader
  // goes to without loading them, and announces each one, the first too, on
  // its document$. Without Material's script, the page's own load is the one.
  // Decided once the page is parsed, so this script may come before Material's.
  function begin() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(start);
    } else {
      start();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", begin);
  } else {
    begin();
  }

})();
