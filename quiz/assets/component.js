/* Starting widgets, after GOV.UK Frontend's component pattern: each <… data-module="name"> root is
 * started once (marked data-module-init), shown (it is `hidden` for readers without JavaScript) and
 * handed to its widget. A module script runs once per document, but Material's instant navigation
 * swaps the page's content without a new document, so `boot` also starts roots on every `document$`. */

export function initAll(widgets, scope) {
  (scope || document).querySelectorAll("[data-module]").forEach(root => {
    const name = root.getAttribute("data-module");
    if (!Object.prototype.hasOwnProperty.call(widgets, name) || root.hasAttribute("data-module-init")) return;
    root.setAttribute("data-module-init", "");
    root.hidden = false;
    widgets[name](root);
  });
}

/* Start `widgets` ({name: function (root)}) now or once the page is parsed, and after each instant navigation. */
export function boot(widgets) {
  const start = () => {
    const doc$ = window.document$;
    if (doc$ && typeof doc$.subscribe === "function") doc$.subscribe(() => initAll(widgets));
    initAll(widgets);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
}
