/* Text the widgets show, computed without the DOM. Pure. */

export function pct(x) { return Math.round(x * 100); }

/* A source as readers see it: "Byline, “Title”" (a title in parentheses is a description, unquoted). */
export function label(sources, id) {
  const s = sources[id];
  if (!s) return id;
  const t = String(s.title), work = /^\(.*\)$/.test(t) ? t.slice(1, -1) : "\u201c" + t + "\u201d";
  return s.byline + ", " + work;
}

/* Text made literal in Markdown (the copied summary). */
export function mdEscape(t) { return String(t).replace(/[\\[\]|*_`<>]/g, "\\$&"); }

/* One line of a prompt for the summary: whitespace collapsed, cut at 120 characters. */
export function shortLine(text) {
  const line = String(text).replace(/\s+/g, " ");
  return line.length > 120 ? line.slice(0, 117) + "..." : line;
}
