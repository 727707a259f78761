// The source viewer: bring the cited line into view (a served file, so the page's CSP allows it).
(function () {
  "use strict";
  var source = document.getElementById("source");
  var id = window.location.hash ? window.location.hash.slice(1) : (source && source.getAttribute("data-first"));
  var target = id ? document.getElementById(id) : null;
  if (target) {
    target.scrollIntoView({ block: "center" });
    var mark = target.querySelector("mark");
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    window.shanhaiSource = { scrolledTo: id, marked: Boolean(mark) };
  } else {
    window.shanhaiSource = { scrolledTo: null, marked: false };
  }
})();
