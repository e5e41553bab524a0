/* DOM helpers shared by the widgets. Knowledge-base text is only ever set as text (textContent or an
 * attribute value), never parsed as HTML. */
import { label } from "./format.js";
import { urlOf } from "./valid.js";

/* An element: attrs set as attributes ("text" as its text; null/undefined/false left out, true as ""),
   kids appended as nodes or text. */
export function h(tag, attrs, kids) {
  const e = document.createElement(tag);
  Object.keys(attrs || {}).forEach(k => {
    const v = attrs[k];
    if (v === null || v === undefined || v === false) return;
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  });
  (kids || []).forEach(c => { if (c !== null && c !== undefined && c !== false) e.append(c); });
  return e;
}

/* The root's [data-part] elements by name, and `say(text)` for its live status line (cleared on click). */
export function parts(root) {
  const p = {};
  root.querySelectorAll("[data-part]").forEach(e => { p[e.getAttribute("data-part")] = e; });
  p.say = text => {
    p.status.textContent = "";
    setTimeout(() => { p.status.textContent = text; }, 50);
  };
  root.addEventListener("click", () => { p.status.textContent = ""; }, true);
  return p;
}

export function button(action, text, main) {
  return h("button", { type: "button", class: "pq-btn" + (main ? " pq-btn--main" : ""), "data-action": action, text });
}

export function focus(e) {
  if (!e) return;
  if (!e.hasAttribute("tabindex")) e.setAttribute("tabindex", "-1");
  e.focus();
}

export function date(iso) {
  return new Date(iso).toLocaleDateString(document.documentElement.lang || "en", { day: "numeric", month: "short", year: "numeric" });
}

/* "Sources: A, “T”; B, “U”" with each source linked to its page in the guide (null for no sources). */
export function cite(data, base, ids) {
  const out = [h("span", { class: "pq-src-label", text: ids.length > 1 ? "Sources: " : "Source: " })];
  ids.forEach((id, i) => {
    if (i) out.push("; ");
    out.push(h("a", { href: new URL(urlOf(data.urls.source, id), base).href, text: label(data.sources || {}, id) }));
  });
  return ids.length ? h("span", { class: "pq-src" }, out) : null;
}

const cache = {};
/* The root's data file (data-src, relative to data-root, relative to the page): {data, base}, where
   `base` is what the guide's links resolve against (data-root, or data-guide where the root has one).
   One fetch per URL and document; a failed one is tried again next time. */
export function load(root) {
  const base = new URL(root.getAttribute("data-root") || "./", window.location.href);
  const url = new URL(root.getAttribute("data-src"), base).href;
  cache[url] = cache[url] || fetch(url).then(r => {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  });
  cache[url].catch(() => delete cache[url]);
  const guide = root.getAttribute("data-guide"); // the guide's address when it is elsewhere (the SCORM package)
  return cache[url].then(data => ({ data, base: guide ? new URL(guide, base) : base }));
}

/* The page's localStorage, or null where reading it throws (storage.js treats both the same). */
export function localStore() {
  try { return window.localStorage; } catch (e) { return null; }
}
