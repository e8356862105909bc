// journeymaps: on a page with a map, the page's scripts (Material's among
// them) run after its first frame, so the map is seen without waiting for
// them. The build marked them type="journeymaps/after-paint" and put this
// script last (see paint.py). Once the first frame is drawn, it loads them
// in their order. They missed the page's DOMContentLoaded event, on which
// Material starts, and its load event when that has passed too: the
// listeners they add for those are called once the last has run.
(function () {
  "use strict";

  var marked = document.querySelectorAll('script[type="journeymaps/after-paint"]');
  if (!marked.length) return;
  var missed = [];  // [target, listener, type]

  function passed(target, type) {
    if (type === "DOMContentLoaded") return target === document || target === window;
    return type === "load" && target === window && document.readyState === "complete";
  }

  // Only while the marked scripts run; the targets' own method is back after.
  function holdListeners(target) {
    target.addEventListener = function (type, listener, options) {
      if (listener && passed(this, type)) {
        missed.push([this, listener, type]);
        return undefined;
      }
      return EventTarget.prototype.addEventListener.call(this, type, listener, options);
    };
  }

  function callMissed() {
    delete document.addEventListener;
    delete window.addEventListener;
    ["DOMContentLoaded", "load"].forEach(function (type) {  // in the order a page has them
      missed.forEach(function (held) {
        if (held[2] !== type) return;
        var event = new Event(type);
        if (typeof held[1] === "function") held[1].call(held[0], event);
        else held[1].handleEvent(event);
      });
    });
  }

  function load() {
    var left = marked.length;
    holdListeners(document);
    holdListeners(window);
    Array.prototype.forEach.call(marked, function (old) {
      var script = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (attribute) {
        if (attribute.name !== "type" && attribute.name !== "data-jm-type") {
          script.setAttribute(attribute.name, attribute.value);
        }
      });
      var type = old.getAttribute("data-jm-type");
      if (type) script.type = type;
      script.async = old.hasAttribute("async");  // the others run in the page's order
      script.onload = script.onerror = function () {
        left -= 1;
        if (left === 0) callMissed();
      };
      old.parentNode.replaceChild(script, old);
    });
  }

  // A frame's animation callbacks run before it is drawn: a task queued
  // from one runs after. A page opened in the background draws no frame
  // until it is shown: the scripts do not wait for that. Nor do they run
  // before the page's own DOMContentLoaded, which they would then miss.
  var started = false;
  function start() {
    if (started) return;
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
      return;
    }
    started = true;
    load();
  }
  requestAnimationFrame(function () { setTimeout(start, 0); });
  setTimeout(start, 1000);
})();
