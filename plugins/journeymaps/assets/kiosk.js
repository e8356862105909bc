// journeymaps kiosk: rotates journey maps from playlist.json, picks up new
// builds by itself, and keeps showing what it has when the server is away.
// Query parameters: interval (seconds per map, default 30), owner, tag,
// map (pin one map), theme (light or dark, default dark), poll (seconds
// between version checks, default 60).
(function () {
  "use strict";

  var params = new URLSearchParams(location.search);
  function seconds(name, fallback) {
    var value = parseFloat(params.get(name));
    return isFinite(value) && value >= 1 ? value * 1000 : fallback * 1000;
  }
  var interval = seconds("interval", 30);
  var poll = seconds("poll", 60);
  var SHIFT_EVERY = 5 * 60 * 1000; // burn-in care: move everything a few pixels
  var SHIFTS = [[0, 0], [3, 2], [-2, 3], [-3, -2], [2, -3]];

  document.documentElement.setAttribute("data-jm-theme", params.get("theme") === "light" ? "light" : "dark");

  var root = document.querySelector("[data-kiosk]");
  function part(name) { return root.querySelector("[data-" + name + "]"); }
  var state = { maps: [], index: -1, version: null, svgs: {}, pending: {}, turn: null, timer: null, shift: 0,
                department: null, words: {} };

  // A fetch has no time limit of its own: a server that takes the request
  // and never answers (a hung disk, a proxy waiting for a backend) would
  // hold the rotation on one map for good.
  var PATIENCE = 10 * 1000;
  var RETRY = Math.min(interval, 10 * 1000);  // another try for what failed, with nothing else to show
  function get(url, kind) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, PATIENCE);
    return fetch(url, { cache: "no-store", signal: controller.signal }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return kind === "json" ? response.json() : response.text();
    }).finally(function () { clearTimeout(timer); });
  }

  // The dot: the server did not answer. With no map on screen yet it stays
  // until one is: an answer about the version is no picture to show.
  function setStale(stale) {
    var waiting = root.classList.contains("is-stale") && !root.hasAttribute("data-current");
    root.classList.toggle("is-stale", stale || waiting);
  }

  // A department or tag as written, in any case ("Klantcontactcentrum",
  // "klantcontactcentrum"); a department also as in its page's address
  // ("beheer-openbare-ruimte"), which the playlist names.
  function among(names, wanted) {
    return names.some(function (name) { return name.toLowerCase() === wanted.toLowerCase(); });
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }  // not an inherited one

  // The department a screen's `owner` names, as {slug, name}: by its page's
  // address, else by its name in any case, as `chosen` matches it. None
  // without `owner`, or in an older build's playlist, which names no
  // department: its screen shows the journeys' own moments, as it did.
  function department(playlist) {
    var wanted = params.get("owner"), names = playlist.departments;
    if (!wanted || !names) return null;
    var slug = has(names, wanted) ? wanted : Object.keys(names).filter(function (key) {
      return names[key].toLowerCase() === wanted.toLowerCase();
    })[0];
    return slug ? { slug: slug, name: names[slug] } : null;
  }

  // The maps a screen's address chooses. A department the playlist names is
  // matched by its page alone: by name too, `?owner=r-d` (R&D's page) also
  // took the journeys of a department called "R-D", under R&D's name.
  var CHOICES = ["map", "owner", "tag"];
  function chosen(maps, department) {
    var pin = params.get("map"), owner = params.get("owner"), tag = params.get("tag");
    return maps.filter(function (map) {
      return (!pin || map.id === pin) &&
        (!owner || (department ? map.owner_pages.indexOf(department.slug) !== -1
                    : among(map.owners, owner) || map.owner_pages.indexOf(owner) !== -1)) &&
        (!tag || among(map.tags, tag));
    });
  }

  // Nothing to show: say whether the site has no journeys, the screen's
  // address chooses none (a wall screen must not look like missing data),
  // or it names a journey whose page has errors (not a typo in the address).
  function sayEmpty(playlist) {
    var empty = part("empty");
    empty.hidden = state.maps.length > 0;
    var choice = CHOICES.filter(function (name) { return params.get(name); })
      .map(function (name) { return name + "=" + params.get(name); }).join(", ");
    // (an older build's playlist, read while a new build is written, has no `broken`)
    var said = (playlist.broken || []).indexOf(params.get("map")) !== -1 ? "data-broken"
      : playlist.maps.length && choice ? "data-none" : null;
    if (said) empty.textContent = empty.getAttribute(said).replace("{choice}", choice);
  }

  // A map's picture, from memory or from the server: shown only once loaded.
  // Only a whole SVG is kept: an answer of 200 may be a login page of the
  // intranet's single sign-on, or cut short, and kept it would fail its turn
  // on every round; not kept, it is fetched again at its next turn.
  function load(map) {
    if (state.svgs[map.id]) return Promise.resolve(state.svgs[map.id]);
    if (!state.pending[map.id]) {
      state.pending[map.id] = get(map.svg, "text").then(function (text) {
        var svg = new DOMParser().parseFromString(text, "image/svg+xml");
        if (svg.documentElement.nodeName !== "svg" || svg.getElementsByTagName("parsererror").length) {
          throw new Error(map.svg + ": not a whole SVG picture");
        }
        state.svgs[map.id] = svg.documentElement;
        return svg.documentElement;
      }).finally(function () { delete state.pending[map.id]; });
    }
    return state.pending[map.id];
  }

  function fill(list, heading, moments) {
    list.replaceChildren();
    list.previousElementSibling.textContent = heading;
    list.parentNode.hidden = moments.length === 0;
    moments.forEach(function (moment) {
      var item = document.createElement("li");
      var number = document.createElement("span");
      item.className = "kiosk__moment kiosk__moment--" + (moment.killer ? "killer" : moment.emotion || "unrated");
      number.className = "kiosk__number";
      number.textContent = moment.number;  // as on the picture
      item.append(number, document.createElement("span"));
      item.jmLabel = moment.label;  // cut to its lines by fit()
      list.appendChild(item);
    });
  }

  // A label keeps to the lines kiosk.css allows: cut with an ellipsis at
  // the last word that fits, rather than in the middle of the last line
  // shown; within a word only when it is too long for a line of its own (a
  // web address, a long compound): cut at a word, it would leave its lines
  // empty, or, the label's only word, not be cut at all. Again when the
  // screen turns or resizes: the type follows its size.
  function shorten(item) {
    var label = item.lastChild, letters = Array.from(item.jmLabel);  // by character, not half of one
    function fits(text) {
      label.textContent = text;
      return item.scrollHeight <= item.clientHeight + 1;
    }
    if (fits(item.jmLabel)) return;
    var lo = 1, hi = letters.length;  // the longest start that fits with its ellipsis: lo does, hi does not
    while (hi - lo > 1) {
      var mid = Math.floor((lo + hi) / 2);
      if (fits(letters.slice(0, mid).join("") + "\u2026")) lo = mid; else hi = mid;
    }
    var cut = letters.slice(0, lo).join("") + "\u2026";
    fits(cut);
    var height = label.offsetHeight;
    var word = letters.slice(0, lo + 1).join("").replace(/\S*$/, "").replace(/[\s,;:.\u2013-]+$/, "");
    if (!word || !fits(word + "\u2026") || label.offsetHeight < height) fits(cut);
  }

  function show(map, svg) {
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    part("map").replaceChildren(document.importNode(svg, true));
    part("caveat").textContent = map.caveat;
    part("caveat").hidden = !map.caveat;
    part("title").textContent = map.title;
    part("headline").textContent = map.headline;
    part("headline").className = "kiosk__headline kiosk__headline--" + map.verdict;
    // (a playlist of an older build, read while a new one is written, has no heading for it)
    part("owner").textContent = map.owner && map.headings.owner ? map.headings.owner + ": " + map.owner : map.owner;
    // The journey's own words in its language (a Dutch site's English
    // journey), for screen readers and hyphenation; the page's stay the site's.
    root.querySelector(".kiosk__header").setAttribute("lang", map.lang);
    root.querySelector(".kiosk__panel").setAttribute("lang", map.lang);
    // a department's screen: its words in the journey's language
    var words = state.department && has(state.words, map.lang) ? state.words[map.lang] : null;
    var named = part("department");
    if (named) {  // (a site's own copy of an older kiosk.html has no place for it)
      named.hidden = !words;
      root.classList.toggle("kiosk--department", !!words);
      if (words) {
        part("department-label").textContent = words.department;
        part("department-name").textContent = state.department.name;
      }
    }
    ["weak", "strong"].forEach(function (kind) {
      var shown = listed(map, kind, words);
      fill(part(kind), shown.heading, shown.moments);
    });
    fit();
    root.setAttribute("data-current", map.id);
    restartProgress();
  }

  // A department's moments that each journey's first three leave out are
  // in a file of its own (owners/<slug>.json): in the playlist every screen
  // reads, every department's made it twice as large. Without the file (an
  // older build's, another build's, or it failed), its moments among the
  // first three are listed.
  function ownMoments(department) {
    if (!department) return Promise.resolve();
    return get("owners/" + encodeURIComponent(department.slug) + ".json", "json").then(function (own) {
      // another build's (read while a new one was written): its moments may be among this one's first three
      var more = (own && own.version === state.version && own.more) || {};
      state.maps.forEach(function (map) { map.more = has(more, map.id) ? more[map.id] : null; });
    }, function () {});
  }

  // The weak or strong moments beside a map. On a department's screen, its
  // own (a moment's owner, else the journey's), from the journey's first
  // three and `more` from its own file (ownMoments), which holds its first
  // three; when it owns none of them, the journey's, under a heading that
  // says they are not the department's rather than passing them off as its own.
  function listed(map, kind, words) {
    if (!words) return { heading: map.headings[kind], moments: map[kind] };
    var own = map[kind].concat((map.more && map.more[kind]) || []).filter(function (moment) {
      return moment.owner === state.department.slug;
    });
    return own.length ? { heading: words["own_" + kind], moments: own }
      : { heading: words["journey_" + kind], moments: map[kind] };
  }

  // The moments beside the map show whole or not at all. The weak ones are
  // what a team can act on: the strong ones give way first, then the weak
  // labels' lines beyond three (five at most), then the last weak moments.
  var WEAK_LINES = 5, LINES = 3;
  function fit() {
    var panel = root.querySelector(".kiosk__panel");
    function full() { return panel.scrollHeight > panel.clientHeight + 1; }
    function giveWay(list) {
      for (var n = list.children.length - 1; n >= 0 && full(); n--) {
        list.children[n].hidden = true;
        if (n === 0) list.parentNode.hidden = true;
      }
    }
    function show(list, shown) {
      // shown again, and cut to its lines again: hidden, it could not be measured
      list.parentNode.hidden = !shown || list.children.length === 0;
      Array.prototype.forEach.call(list.children, function (item) {
        item.hidden = !shown;
        if (shown) shorten(item);
      });
    }
    for (var lines = WEAK_LINES; lines >= LINES; lines--) {
      panel.style.setProperty("--kiosk-weak-lines", lines);
      show(part("weak"), true);
      show(part("strong"), lines === WEAK_LINES);  // no strong moment beside a weak one cut short
      giveWay(part("strong"));
      if (!full()) return;
    }
    giveWay(part("weak"));
  }

  function restartProgress() {
    var bar = part("progress").firstElementChild;
    part("progress").hidden = state.maps.length < 2;
    bar.style.transition = "none";
    bar.style.transform = "scaleX(0)";
    void bar.offsetWidth; // start the transition from zero
    bar.style.transition = "transform " + interval + "ms linear";
    bar.style.transform = "scaleX(1)";
  }

  // Show the next map, in the playlist's order, that is in memory or loads;
  // one that fails gives its turn to the next. The next turn comes on time
  // whatever this one waits for. A picture not in memory gets a moment
  // (GRACE); still on its way then (a slow or hung server), it and the rest
  // not in memory are passed over for the next map in memory, rather than
  // fetched and waited for one after another, ten seconds each.
  var GRACE = Math.min(interval / 2, 2000);
  function next() {
    clearTimeout(state.timer);
    var count = state.maps.length, turn = state.turn = {};
    if (count > 1) state.timer = setTimeout(next, interval);
    function attempt(step) {
      if (state.turn !== turn) return;  // the next turn has begun
      if (step > count) {  // none to show: the one on screen stays; a map alone, not shown yet, is tried again
        if (count === 1 && !root.hasAttribute("data-current")) state.timer = setTimeout(next, RETRY);
        return;
      }
      var index = (state.index + step) % count;
      var map = state.maps[index];
      if (!state.svgs[map.id] && step > 1 && Object.keys(state.pending).length) return attempt(step + 1);
      var passed = false;
      function passOver() {
        if (!passed) { passed = true; attempt(step + 1); }
      }
      // with no map on screen there is none to pass over to: wait for this one
      var patience = root.hasAttribute("data-current") ? setTimeout(passOver, GRACE) : null;
      load(map).then(function (svg) {
        clearTimeout(patience);
        if (passed || state.turn !== turn) return;  // kept for its next turn
        passed = true;
        show(map, svg);
        state.index = index;
        load(state.maps[(index + 1) % count]).catch(function () { setStale(true); }); // ready before its turn
      }, function () {
        clearTimeout(patience);
        setStale(true);
        passOver();
      });
    }
    attempt(1);
  }

  function start() {
    get("playlist.json", "json").then(function (playlist) {
      state.version = playlist.version;
      state.department = department(playlist);
      state.maps = chosen(playlist.maps, state.department);
      state.words = playlist.department_headings || {};
      sayEmpty(playlist);
      setStale(false);
      ownMoments(state.department).then(next);
    }, function () {
      if (location.protocol === "file:") {  // no browser lets a page from disk fetch: say so, once
        part("empty").textContent = part("empty").getAttribute("data-file");
        part("empty").hidden = false;
        return;
      }
      setStale(true);
      state.timer = setTimeout(start, RETRY);
    });
  }

  // A new build: reload only when the version changed and the new page answers.
  function checkVersion() {
    get("version.json", "json").then(function (latest) {
      setStale(false);
      if (state.version && latest.version !== state.version) {
        return get(location.pathname, "text").then(function () { location.reload(); });
      }
    }).catch(function () { setStale(true); });
  }

  function shift() {
    state.shift = (state.shift + 1) % SHIFTS.length;
    root.style.transform = "translate(" + SHIFTS[state.shift][0] + "px, " + SHIFTS[state.shift][1] + "px)";
  }

  window.addEventListener("resize", fit);
  setInterval(checkVersion, poll);
  setInterval(shift, SHIFT_EVERY);
  start();
})();
