// journeymaps: on a page with a map, the page's scripts (Material's among
// them) run after its first frame, so the map is seen without waiting for
// them. The build marked them type="journeymaps/after-paint" and put this
// script first in the head (see paint.py). Until they have run, it holds
// back the DOMContentLoaded listeners the page adds, from its head on (on
// one of them Material starts; its analytics, in the head, wait for
// Material): they are called after, in the order they were added, with the
// page's event. So are the listeners the marked scripts add for the
// window's load, and a window.onload they set, when the load has passed.
(function () {
  "use strict";

  var add = EventTarget.prototype.addEventListener;
  var held = [];  // [target, listener, type]
  var contentLoaded = null, holding = true;

  function loadPassed() { return document.readyState === "complete"; }

  function hold(target) {
    target.addEventListener = function (type, listener, options) {
      if (holding && listener && (type === "DOMContentLoaded" || (type === "load" && this === window && loadPassed()))) {
        held.push([this, listener, type]);
        return undefined;
      }
      return add.call(this, type, listener, options);
    };
  }
  hold(document);
  hold(window);

  function call(target, listener, event) {
    try {
      if (typeof listener === "function") listener.call(target, event);
      else listener.handleEvent(event);
    } catch (error) {
      setTimeout(function () { throw error; });  // reported as the browser would, without stopping the others
    }
  }

  function release(onloadBefore) {
    holding = false;
    delete document.addEventListener;
    delete window.addEventListener;
    ["DOMContentLoaded", "load"].forEach(function (type) {
      var event = type === "load" ? new Event("load") : contentLoaded;
      held.forEach(function (entry) {
        if (entry[2] === type) call(entry[0], entry[1], event);
      });
    });
    if (loadPassed() && typeof window.onload === "function" && window.onload !== onloadBefore) {
      call(window, window.onload, new Event("load"));
    }
  }

  // Scripts in the order the page had them run: the plain ones as the
  // parser met them, then the deferred ones and modules.
  function load() {
    var marked = Array.prototype.slice.call(document.querySelectorAll('script[type="journeymaps/after-paint"]'));
    var later = function (s) { return s.hasAttribute("defer") || s.getAttribute("data-jm-type") === "module"; };
    marked = marked.filter(function (s) { return !later(s); }).concat(marked.filter(later));
    var left = marked.length, onloadBefore = window.onload;
    if (!left) return release(onloadBefore);
    marked.forEach(function (old) {
      var script = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (attribute) {
        if (attribute.name !== "type" && attribute.name !== "data-jm-type") {
          script.setAttribute(attribute.name, attribute.value);
        }
      });
      var type = old.getAttribute("data-jm-type");
      if (type) script.type = type;
      script.async = false;  // run in the order they are put in
      script.onload = script.onerror = function () {
        left -= 1;
        if (left === 0) release(onloadBefore);
      };
      old.parentNode.replaceChild(script, old);
    });
  }

  // Material picks the palette that suits the reader's light or dark
  // preference when it starts, and remembers it. Until it has, the first
  // frame (often drawn while the page is still being read) would be in the
  // first palette: pick it as soon as the header's choices are there.
  function pickPalette(inputs) {
    if (typeof window.__md_get !== "function" || window.__md_get("__palette")) return;
    var match = Array.prototype.filter.call(inputs, function (input) {
      var media = input.getAttribute("data-md-color-media");
      return media && window.matchMedia(media).matches;
    })[0];
    if (!match) return;
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, match.getAttribute("data-md-color-" + key));
    });
  }
  var palettes = new MutationObserver(function () {
    var inputs = document.body && document.querySelectorAll("input[data-md-color-media]");
    if (!inputs || !inputs.length) return;
    palettes.disconnect();
    pickPalette(inputs);
  });
  palettes.observe(document.documentElement, {childList: true, subtree: true});

  // A frame's animation callbacks run before it is drawn; a task queued
  // from one runs after. A page opened in the background draws no frame
  // until it is shown: the scripts do not wait longer than a second.
  var started = false;
  function start() {
    if (started) return;
    started = true;
    load();
  }
  add.call(document, "DOMContentLoaded", function (event) {
    contentLoaded = event;
    palettes.disconnect();
    requestAnimationFrame(function () { setTimeout(start, 0); });
    setTimeout(start, 1000);
  });
})();
