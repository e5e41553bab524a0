import { test } from "node:test";
import assert from "node:assert/strict";
import { KEY, readStore, writeStore, clearStore, recordRound, validAttempt } from "../../quiz/assets/storage.js";

/* A Storage stand-in holding strings, as localStorage does. */
function memory(initial) {
  const m = new Map(Object.entries(initial || {}));
  return { getItem: k => m.has(k) ? m.get(k) : null, setItem: (k, v) => m.set(k, String(v)), removeItem: k => m.delete(k), m };
}
const broken = { getItem() { throw new Error("denied"); }, setItem() { throw new Error("full"); }, removeItem() { throw new Error("denied"); } };
const attempt = (correct, total, extra) => ({ date: "2026-01-02T03:04:05.000Z", correct, total, passed: correct / total >= 0.8, ...extra });

test("nothing stored, a missing storage or one that throws: an empty store, never an error", () => {
  for (const s of [memory(), null, broken]) assert.deepEqual(readStore(s), { history: [], missed: [] });
  writeStore(null, { history: [], missed: [] });
  writeStore(broken, { history: [], missed: [] });
  clearStore(broken);
  clearStore(null);
});

test("what was written is read back", () => {
  const s = memory(), store = { history: [attempt(3, 4, { mode: "practice" })], missed: ["q1", "q2"] };
  writeStore(s, store);
  assert.deepEqual(JSON.parse(s.m.get(KEY)), store);
  assert.deepEqual(readStore(s), store);
  clearStore(s);
  assert.deepEqual(readStore(s), { history: [], missed: [] });
});

test("anything unexpected in storage is dropped", () => {
  for (const raw of ["{", "null", "42", '"text"', "[1,2]", '{"history": "no", "missed": {}}']) {
    assert.deepEqual(readStore(memory({ [KEY]: raw })), { history: [], missed: [] }, raw);
  }
  const raw = JSON.stringify({
    history: [attempt(1, 2), null, "x", attempt(3, 2), attempt(-1, 2), attempt(1, 0), attempt(1.5, 2),
      { ...attempt(1, 2), date: "yesterday" }, { ...attempt(1, 2), passed: "yes" }, attempt(2, 2)],
    missed: ["q1", 7, "q1", "gone", "q2", { id: "q3" }],
  });
  const got = readStore(memory({ [KEY]: raw }), new Set(["q1", "q2"]));
  assert.deepEqual(got.history, [attempt(1, 2), attempt(2, 2)]);
  assert.deepEqual(got.missed, ["q1", "q2"]);  // unique, strings, still in the bank
  assert.deepEqual(readStore(memory({ [KEY]: raw })).missed, ["q1", "gone", "q2"]);  // no bank given: any id
});

test("only the last 100 attempts are kept", () => {
  const history = Array.from({ length: 130 }, (_, i) => attempt(i % 5, 4 + (i % 5)));
  const got = readStore(memory({ [KEY]: JSON.stringify({ history }) }));
  assert.equal(got.history.length, 100);
  assert.deepEqual(got.history, history.slice(-100));
  assert.ok(history.every(validAttempt));
});

test("a round puts its misses first in the review queue and drops what it got right", () => {
  const before = { history: [attempt(1, 2)], missed: ["old", "fixed", "again"] };
  const results = [{ q: { id: "new" }, ok: false }, { q: { id: "fixed" }, ok: true }, { q: { id: "again" }, ok: false }];
  const after = recordRound(before, attempt(1, 3), results);
  assert.deepEqual(after.missed, ["new", "again", "old"]);
  assert.deepEqual(after.history, [attempt(1, 2), attempt(1, 3)]);
  assert.deepEqual(before.history, [attempt(1, 2)]);  // the store read is not changed in place
});
