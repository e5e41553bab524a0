// Glossary terms: each term's definition on hover, keyboard focus and tap, always as plain text.
//
// Why not the theme's tooltips: Material's `content.tooltips` reads `title` attributes back and
// inserts them as HTML, so a definition holding markup would run in every reader's browser. Here
// the definition is moved from `title` into a tooltip filled with `textContent` only. Without
// JavaScript the browser's own `title` tooltip remains, which is plain text too.
(function () {
  "use strict";

  const SHOWN_AFTER_FOCUS_MS = 500; // a tap focuses and then clicks: the click must not hide it again
  let counter = 0;

  function interactiveAncestor(node) {
    return node.parentElement && node.parentElement.closest("a, button, summary, label, [tabindex]");
  }

  function enhance(abbr) {
    const text = abbr.getAttribute("title");
    if (abbr.hasAttribute("data-term") || !text) return;
    abbr.removeAttribute("title");
    abbr.setAttribute("data-term", "");
    const tip = document.createElement("span");
    counter += 1;
    tip.id = "pc-term-" + counter;
    tip.className = "pc-term__tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    tip.textContent = text;
    abbr.appendChild(tip);
    abbr.setAttribute("aria-describedby", tip.id);
    if (!interactiveAncestor(abbr)) abbr.tabIndex = 0; // a term inside a link is reached through the link
    let focusedAt = 0;

    function show() {
      tip.hidden = false;
      abbr.classList.add("pc-term--open");
      tip.style.left = "";
      const overflow = tip.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
      if (overflow > 0) tip.style.left = -overflow + "px"; // keep it on a narrow screen
    }
    function hide() { tip.hidden = true; abbr.classList.remove("pc-term--open"); }

    abbr.addEventListener("mouseenter", show);
    abbr.addEventListener("mouseleave", function () { if (document.activeElement !== abbr) hide(); });
    abbr.addEventListener("focus", function () { focusedAt = Date.now(); show(); });
    abbr.addEventListener("blur", hide);
    abbr.addEventListener("click", function () {
      if (tip.hidden) show();
      else if (Date.now() - focusedAt > SHOWN_AFTER_FOCUS_MS) hide();
    });
    abbr.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hide();
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); if (tip.hidden) show(); else hide(); }
    });
  }

  function init(root) {
    const terms = root.querySelectorAll("article abbr[title]");
    for (let i = 0; i < terms.length; i += 1) enhance(terms[i]);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(document); }); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
