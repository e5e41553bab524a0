/* Reporting a round to a learning management system through the SCORM 1.2 run-time API. Pure: the
 * windows, the API object and the clock come in as arguments. The LMS is a guest the quiz does not
 * trust: every property read and every call is guarded and every answer is checked, so an API that
 * throws, answers junk or lacks functions means "no LMS", never a broken quiz. */

export const DEPTH = 10;        // frames searched upwards from a window (ADL's example searches 7)
export const SUSPEND_MAX = 4096; // cmi.suspend_data is a CMIString4096
const FUNCS = ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"];
const LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

/* A property of an object that may be a cross-origin window or a hostile proxy (null if reading throws). */
function read(o, key) {
  try { return o ? o[key] : null; } catch (e) { return null; }
}

/* `w.API` when it has the five SCORM 1.2 functions, else null. */
export function apiOf(w) {
  const api = read(w, "API");
  if (!api || (typeof api !== "object" && typeof api !== "function")) return null;
  return FUNCS.every(f => typeof read(api, f) === "function") ? api : null;
}

/* The standard search: this window and its parents (at most `depth` steps), then the opener of the top
   window and its parents. Null when there is no LMS. */
export function findAPI(win, depth) {
  const max = depth === undefined ? DEPTH : depth;
  const climb = w => {
    for (let i = 0; w && i <= max; i++) {
      const api = apiOf(w);
      if (api) return api;
      const up = read(w, "parent");
      if (!up || up === w) return null;
      w = up;
    }
    return null;
  };
  return climb(win) || climb(read(read(win, "top"), "opener")) || climb(read(win, "opener"));
}

/* One guarded call: the LMS's answer as a short string ("" when it throws or answers something else). */
export function call(api, name, args) {
  try {
    const f = read(api, name);
    if (typeof f !== "function") return "";
    const v = f.apply(api, args || []);
    if (typeof v === "string") return v.length > SUSPEND_MAX ? "" : v;
    return typeof v === "boolean" || typeof v === "number" ? String(v) : "";
  } catch (e) { return ""; }
}

const ok = v => v === "true";

/* CMITimespan (HHHH:MM:SS.SS) for a duration in milliseconds. */
export function timespan(ms) {
  const cs = Math.max(0, Math.min(Math.round(+ms / 10) || 0, 9999 * 360000 + 359999));
  const pad = (n, w) => String(n).padStart(w, "0");
  const h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = Math.floor(cs / 100) % 60;
  return pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
}

/* A CMIIdentifier: no white space or unprintable characters, at most 255 characters. */
export function identifier(id) {
  return String(id).replace(/[^\x21-\x7e]/g, "_").slice(0, 255) || "q";
}

/* A choice response in SCORM 1.2's format: the chosen options' letters (a, b, …, by their order in the
   bank, not on screen), comma-separated. */
export function letters(q, ids) {
  return q.options.map((o, i) => ids.includes(o.id) ? LETTERS[i] : null).filter(Boolean).join(",");
}

/* Time spent on each question, from the answers' change times in order ([[id, ms], …]): from the round's
   start or the last answer to another question, to this question's last change. */
export function latencies(start, changes) {
  const out = {};
  let mark = start, current = null, opened = start;
  changes.forEach(([id, t]) => {
    if (id !== current) { opened = mark; current = id; out[id] = out[id] || 0; }
    out[id] += Math.max(0, t - opened);
    opened = t;
    mark = t;
  });
  return out;
}

/* The review queue as cmi.suspend_data: JSON within 4,096 characters (the queue's tail dropped to fit). */
export function encodeReview(ids) {
  const list = ids.filter(id => typeof id === "string");
  let text = JSON.stringify({ review: list });
  while (text.length > SUSPEND_MAX && list.length) { list.pop(); text = JSON.stringify({ review: list }); }
  return text.length > SUSPEND_MAX ? "" : text;
}

/* The review queue read back from cmi.suspend_data; anything unexpected gives an empty queue. */
export function decodeReview(text) {
  if (typeof text !== "string" || !text || text.length > SUSPEND_MAX) return [];
  let data = null;
  try { data = JSON.parse(text); } catch (e) { return []; }
  const list = data && Array.isArray(data.review) ? data.review : [];
  return list.filter((id, i) => typeof id === "string" && list.indexOf(id) === i);
}

/* cmi.core.student_name ("Last, First" in SCORM 1.2) as a reader would write it: "First Last". */
export function learner(name) {
  const clean = String(name || "").replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim().slice(0, 255);
  const parts = clean.split(",");
  return parts.length === 2 && parts[0].trim() && parts[1].trim() ? parts[1].trim() + " " + parts[0].trim() : clean;
}

/* The values a finished round writes, in order, as [element, value]: score, status, one interaction per
   question (from `first`, the count already stored), the review queue and the session time.
   `round`: {results: [{q, ok, chosen, latency}], right, total, passed, review, ms}. */
export function report(round, first) {
  const score = round.total ? Math.round(round.right / round.total * 100) : 0;
  const out = [["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"], ["cmi.core.score.raw", String(score)],
    ["cmi.core.lesson_status", round.passed ? "passed" : "failed"]];
  round.results.forEach((r, i) => {
    const n = "cmi.interactions." + (first + i) + ".";
    out.push([n + "id", identifier(r.q.id)], [n + "type", "choice"],
      [n + "correct_responses.0.pattern", letters(r.q, r.q.correct)],
      [n + "student_response", letters(r.q, r.chosen || [])],
      [n + "result", r.ok ? "correct" : "wrong"], [n + "latency", timespan(r.latency || 0)]);
  });
  out.push(["cmi.suspend_data", encodeReview(round.review || [])], ["cmi.core.exit", ""],
    ["cmi.core.session_time", timespan(round.ms)]);
  return out;
}

/* A session with the LMS behind `api`: start() says whether it is one; then the learner's name and
   review queue, report(round) and end(), each at most once and never throwing. */
export function session(api, now) {
  const clock = now || (() => Date.now());
  const s = { active: false, done: false, name: "", review: [], started: 0, count: 0 };
  const get = key => call(api, "LMSGetValue", [key]);
  const set = (key, value) => ok(call(api, "LMSSetValue", [key, value]));
  s.start = () => {
    if (!api || s.active || s.done || !ok(call(api, "LMSInitialize", [""]))) return false;
    s.active = true;
    s.started = clock();
    const status = get("cmi.core.lesson_status");
    if (status === "not attempted" || status === "") set("cmi.core.lesson_status", "incomplete");
    s.name = learner(get("cmi.core.student_name"));
    s.review = decodeReview(get("cmi.suspend_data"));
    const count = parseInt(get("cmi.interactions._count"), 10);
    s.count = count >= 0 && count < 1000 ? count : 0;
    return true;
  };
  s.report = round => {
    if (!s.active || s.done) return false;
    report({ ...round, ms: clock() - s.started }, s.count).forEach(([k, v]) => set(k, v));
    s.count += round.results.length;
    s.review = round.review || [];
    return s.end(true);
  };
  /* Commit and finish: after a report, or on unload (then marked as suspended, queue kept). */
  s.end = reported => {
    if (!s.active || s.done) return false;
    if (!reported) {
      set("cmi.suspend_data", encodeReview(s.review));
      set("cmi.core.exit", "suspend");
      set("cmi.core.session_time", timespan(clock() - s.started));
    }
    s.done = true;
    call(api, "LMSCommit", [""]);
    call(api, "LMSFinish", [""]);
    return true;
  };
  return s;
}
