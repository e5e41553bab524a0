import { test } from "node:test";
import assert from "node:assert/strict";
import { apiOf, findAPI, call, timespan, identifier, letters, latencies, encodeReview, decodeReview, learner,
  report, session, SUSPEND_MAX } from "../../quiz/assets/lms.js";

/* A SCORM 1.2 API stand-in recording every call; `values` answers LMSGetValue. */
function recorder(values) {
  const calls = [], store = { ...(values || {}) };
  const api = {
    LMSInitialize: a => { calls.push(["LMSInitialize", a]); return "true"; },
    LMSGetValue: k => { calls.push(["LMSGetValue", k]); return k in store ? store[k] : ""; },
    LMSSetValue: (k, v) => { calls.push(["LMSSetValue", k, v]); store[k] = v; return "true"; },
    LMSCommit: a => { calls.push(["LMSCommit", a]); return "true"; },
    LMSFinish: a => { calls.push(["LMSFinish", a]); return "true"; },
    LMSGetLastError: () => "0", LMSGetErrorString: () => "", LMSGetDiagnostic: () => "",
  };
  return { api, calls, store };
}
const q = (id, options, correct) => ({ id, options: options.map(o => ({ id: o, text: o })), correct });

test("the API is found in the window, its parents (bounded) or the opener's chain", () => {
  const { api } = recorder();
  const top = { API: api }; top.parent = top; top.top = top;
  const mid = { parent: top, top }, leaf = { parent: mid, top };
  assert.equal(findAPI(leaf), api);
  assert.equal(findAPI(top), api);
  // a chain longer than the bound: not found
  let w = top;
  for (let i = 0; i < 20; i++) w = { parent: w, top };
  assert.equal(findAPI(w, 10), null);
  assert.equal(findAPI(w, 25), api);
  // the opener's frames
  const opened = { parent: null, top: null }; opened.top = opened; opened.parent = opened; opened.opener = leaf;
  assert.equal(findAPI(opened), api);
  // no LMS at all
  const alone = {}; alone.parent = alone; alone.top = alone;
  assert.equal(findAPI(alone), null);
});

test("a hostile window chain or API object is no LMS, never an error", () => {
  const throwing = { get API() { throw new Error("cross-origin"); }, get parent() { throw new Error("denied"); } };
  assert.equal(findAPI(throwing), null);
  const missing = { API: { LMSInitialize: () => "true" } }; missing.parent = missing;
  assert.equal(findAPI(missing), null);
  assert.equal(apiOf({ API: "junk" }), null);
  assert.equal(apiOf({ API: new Proxy({}, { get() { throw new Error("trap"); } }) }), null);
  const cycle = { top: null }; const other = { parent: cycle }; cycle.parent = other; // a loop of parents
  assert.equal(findAPI(cycle), null);
});

test("a call's answer is a short string, whatever the API does", () => {
  const huge = "x".repeat(10_000_000);
  const api = { a: () => { throw new Error("boom"); }, b: () => ({ toString() { throw new Error("no"); } }), c: () => huge,
    d: () => true, e: () => "ok", f: 42 };
  assert.equal(call(api, "a"), "");
  assert.equal(call(api, "b"), "");
  assert.equal(call(api, "c"), "");
  assert.equal(call(api, "d"), "true");
  assert.equal(call(api, "e"), "ok");
  assert.equal(call(api, "f"), "");
  assert.equal(call(null, "e"), "");
});

test("SCORM 1.2 formats: timespan, identifier, choice letters", () => {
  assert.equal(timespan(0), "00:00:00.00");
  assert.equal(timespan(5230), "00:00:05.23");
  assert.equal(timespan(3723450), "01:02:03.45");
  assert.equal(timespan(-5), "00:00:00.00");
  assert.equal(timespan(1e15), "9999:59:59.99");
  assert.equal(timespan(NaN), "00:00:00.00");
  assert.equal(identifier("scenario-a b\u00e9"), "scenario-a_b_");
  assert.equal(identifier("x".repeat(300)).length, 255);
  const question = q("q1", ["o1", "o2", "o3"], ["o2"]);
  assert.equal(letters(question, ["o3", "o1"]), "a,c");
  assert.equal(letters(question, []), "");
  assert.equal(letters(question, ["nope"]), "");
});

test("latency: from the round's start or the previous answer to the last change of this one", () => {
  assert.deepEqual(latencies(1000, [["a", 3000], ["b", 4000], ["b", 4500], ["a", 6000]]), { a: 3500, b: 1500 });
  assert.deepEqual(latencies(0, []), {});
});

test("the review queue fits cmi.suspend_data and comes back; junk gives an empty queue", () => {
  assert.deepEqual(decodeReview(encodeReview(["a", "b"])), ["a", "b"]);
  const long = Array.from({ length: 2000 }, (_, i) => "question-" + i);
  const text = encodeReview(long);
  assert.ok(text.length <= SUSPEND_MAX && text.length > SUSPEND_MAX - 40, text.length);
  assert.deepEqual(decodeReview(text), long.slice(0, decodeReview(text).length));
  for (const junk of ["", "{", "null", "[1,2]", '{"review":"a"}', '{"review":[1,{},"a","a"]}', "x".repeat(5000), 7, null])
    assert.ok(Array.isArray(decodeReview(junk)));
  assert.deepEqual(decodeReview('{"review":[1,{},"a","a"]}'), ["a"]);
});

test("the learner's name: 'Last, First' turned round, control characters dropped", () => {
  assert.equal(learner("Doe, Jane"), "Jane Doe");
  assert.equal(learner("Jane Doe"), "Jane Doe");
  assert.equal(learner("a\u202eb\u0000"), "ab");
  assert.equal(learner(undefined), "");
  assert.equal(learner("n".repeat(1000)).length, 255);
});

test("a session reports score, status, interactions, queue, then commits and finishes, in that order", () => {
  const { api, calls, store } = recorder({ "cmi.core.lesson_status": "not attempted", "cmi.core.student_name": "Doe, Jane",
    "cmi.suspend_data": encodeReview(["old"]), "cmi.interactions._count": "2" });
  let t = 1000;
  const s = session(api, () => t);
  assert.equal(s.start(), true);
  assert.equal(s.name, "Jane Doe");
  assert.deepEqual(s.review, ["old"]);
  t = 61000;
  const results = [{ q: q("q1", ["a", "b"], ["b"]), ok: true, chosen: ["b"], latency: 1200 },
    { q: q("q2", ["a", "b", "c"], ["a", "c"]), ok: false, chosen: ["b"], latency: 0 }];
  assert.equal(s.report({ results, right: 1, total: 2, passed: false, review: ["q2", "old"] }), true);
  const names = calls.map(c => c[0]);
  assert.deepEqual(names.slice(0, 6), ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSGetValue", "LMSGetValue", "LMSGetValue"]);
  assert.deepEqual(names.slice(-2), ["LMSCommit", "LMSFinish"]);
  assert.equal(store["cmi.core.score.raw"], "50");
  assert.equal(store["cmi.core.lesson_status"], "failed");
  assert.equal(store["cmi.interactions.2.id"], "q1");
  assert.equal(store["cmi.interactions.2.student_response"], "b");
  assert.equal(store["cmi.interactions.2.result"], "correct");
  assert.equal(store["cmi.interactions.2.latency"], "00:00:01.20");
  assert.equal(store["cmi.interactions.3.correct_responses.0.pattern"], "a,c");
  assert.equal(store["cmi.interactions.3.result"], "wrong");
  assert.equal(store["cmi.core.session_time"], "00:01:00.00");
  assert.deepEqual(decodeReview(store["cmi.suspend_data"]), ["q2", "old"]);
  // finished: nothing more is sent, on unload either
  const n = calls.length;
  assert.equal(s.end(false), false);
  assert.equal(s.report({ results, right: 2, total: 2, passed: true }), false);
  assert.equal(calls.length, n);
});

test("report's values in order (score first, status before the interactions)", () => {
  const r = report({ results: [{ q: q("x", ["a"], ["a"]), ok: true, chosen: ["a"], latency: 10 }], right: 1, total: 1, passed: true,
    review: [], ms: 0 }, 0);
  assert.deepEqual(r.slice(0, 4).map(x => x[0]), ["cmi.core.score.min", "cmi.core.score.max", "cmi.core.score.raw", "cmi.core.lesson_status"]);
  assert.deepEqual(r[3], ["cmi.core.lesson_status", "passed"]);
});

test("unload before a result: suspended, queue kept, committed and finished once", () => {
  const { api, calls, store } = recorder({ "cmi.core.lesson_status": "incomplete" });
  const s = session(api, () => 0);
  assert.equal(s.start(), true);
  assert.equal(s.end(false), true);
  assert.equal(store["cmi.core.exit"], "suspend");
  assert.equal(calls.filter(c => c[0] === "LMSFinish").length, 1);
  assert.equal(s.end(false), false);
});

test("an LMS that refuses, throws or answers junk: no session, no error", () => {
  const refusing = recorder().api; refusing.LMSInitialize = () => "false";
  assert.equal(session(refusing).start(), false);
  const throwing = recorder().api; throwing.LMSInitialize = () => { throw new Error("x"); };
  assert.equal(session(throwing).start(), false);
  assert.equal(session(null).start(), false);
  const junk = recorder().api;
  junk.LMSGetValue = () => ({ valueOf() { throw new Error("junk"); } });
  junk.LMSSetValue = () => { throw new Error("read-only"); };
  junk.LMSCommit = () => { throw new Error("x"); };
  const s = session(junk);
  assert.equal(s.start(), true);
  assert.equal(s.name, "");
  assert.deepEqual(s.review, []);
  assert.equal(s.report({ results: [], right: 0, total: 0, passed: false }), true);
});
