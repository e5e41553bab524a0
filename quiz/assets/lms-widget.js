/* The quiz inside a learning management system: when a SCORM 1.2 API is found (lms.js), an assessment
 * round's result, answers and review queue are reported to it and the learner's name is shown on the
 * printable result. It only listens to the quiz widget's events (pq:begin, pq:result) and answer
 * changes; with no LMS it does nothing, and nothing the LMS does can stop the quiz. */
import { h, localStore } from "./dom.js";
import { findAPI, session, latencies } from "./lms.js";
import { readStore, writeStore, recordRound } from "./storage.js";

let lms = null; // one session per document, whichever quiz root reports first

function connect(win) {
  if (lms) return lms;
  lms = session(findAPI(win));
  if (!lms.start()) return lms;
  const bye = () => lms.end(false);
  win.addEventListener("pagehide", bye);
  win.addEventListener("beforeunload", bye);
  if (lms.review.length) { // the LMS's review queue first, then this browser's
    const s = readStore(localStore());
    writeStore(localStore(), { history: s.history, missed: lms.review.concat(s.missed.filter(id => !lms.review.includes(id))) });
  }
  return lms;
}

export function lmsReport(root, win) {
  let s;
  try { s = connect(win || window); } catch (e) { return; }
  if (!s.active) return;
  let start = Date.now(), changes = [], mode = "";
  root.addEventListener("pq:begin", e => {
    start = Date.now(); changes = []; mode = e.detail && e.detail.mode;
  });
  root.addEventListener("change", e => {
    const fs = e.target.closest && e.target.closest("fieldset[data-question-id]");
    if (fs && e.target.closest(".pq-options")) changes.push([fs.getAttribute("data-question-id"), Date.now()]);
  });
  root.addEventListener("pq:result", e => {
    try {
      const last = e.detail, spent = latencies(start, changes);
      if (s.name) {
        const box = root.querySelector("[data-part=score]");
        box.prepend(h("p", { class: "pq-learner", text: "Learner: " + s.name }));
      }
      if (mode !== "assessment" || s.done) return;
      const results = last.results.map(r => {
        const fs = root.querySelector('fieldset[data-question-id="' + CSS.escape(r.q.id) + '"]');
        const chosen = fs ? Array.from(fs.querySelectorAll(".pq-options input:checked"), i => i.value) : [];
        return { q: r.q, ok: r.ok, chosen: chosen, latency: spent[r.q.id] || 0 };
      });
      const review = recordRound({ history: [], missed: s.review }, {}, results).missed;
      s.report({ results: results, right: last.right, total: last.total, passed: last.passed, review: review });
    } catch (err) { /* the LMS is a guest: the quiz goes on */ }
  });
}
