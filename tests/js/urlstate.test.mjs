import { test } from "node:test";
import assert from "node:assert/strict";
import { encode, decode, readState, stateUrl } from "../../quiz/assets/urlstate.js";
import { decision as d } from "./fixture.mjs";

test("answers encode one letter per fact in the facts' order", () => {
  assert.equal(encode(d, {}), "---");
  assert.equal(encode(d, { pays: true, resells: null }), "yu-");
  assert.equal(encode(d, { shares: false, pays: true, resells: true }), "yyn");
});

test("decode replays the code in asking order and keeps only what the tool would ask", () => {
  assert.deepEqual({ ...decode(d, "yyn") }, { pays: true, resells: true, shares: false });
  assert.deepEqual({ ...decode(d, "nyy") }, { pays: false });  // after "no" nothing more is asked
  assert.deepEqual({ ...decode(d, "y-y") }, { pays: true });  // stops at the first unasked fact
  for (const bad of [null, "", "yy", "yyyy", "yxy", "<b>"]) assert.deepEqual({ ...decode(d, bad) }, {}, String(bad));
});

test("a tool's answers survive the round trip through the address", () => {
  for (const answers of [{ pays: false }, { pays: true, resells: false }, { pays: null, resells: true, shares: null }]) {
    assert.deepEqual({ ...decode(d, encode(d, answers)) }, answers);
  }
});

test("readState restores the answers in order and the deal's valid parties", () => {
  const state = readState(d, "?x=1&a=yyn&d=n--.bad.yy-.y%3Cy");
  assert.deepEqual(state.order, [["pays", true], ["resells", true], ["shares", false]]);
  assert.deepEqual(state.parties, ["n--", "yy-"]);
  assert.equal(readState(d, "?d=" + Array(30).fill("n--").join(".")).parties.length, 20);
  assert.deepEqual(readState(d, ""), { order: [], parties: [] });
});

test("stateUrl keeps the path, other parameters and the hash, and drops empty answers", () => {
  const here = { pathname: "/site/classify/", search: "?lang=en&a=nnn&d=y--", hash: "#tool" };
  assert.equal(stateUrl(here, "yu-", ["n--"]), "/site/classify/?lang=en&d=n--&a=yu-#tool");
  assert.equal(stateUrl(here, "---", []), "/site/classify/?lang=en#tool");
  assert.equal(stateUrl({ pathname: "/c/", search: "", hash: "" }, "", []), "/c/");
});

import { Worker } from "node:worker_threads";
import { choice as c } from "./fixture.mjs";

test("a choice fact's answer is its number in the order offered; junk decodes to nothing", () => {
  assert.equal(encode(c, { kind: "team" }), "3-");
  assert.equal(encode(c, { kind: "firm", pays: null }), "1u");
  assert.deepEqual({ ...decode(c, "1n") }, { kind: "firm", pays: false });
  assert.deepEqual({ ...decode(c, "4y") }, { kind: "unit" }, "a decided answer asks nothing more");
  assert.deepEqual({ ...decode(c, "uy") }, { kind: null, pays: true });
  for (const bad of ["5y", "0y", "yy", "1x", "1", "1yy", "\u0661y", "%31y", "-", "constructor", "__proto__"]) {
    assert.deepEqual({ ...decode(c, bad) }, {}, bad);
  }
  assert.deepEqual(readState(c, "?a=2-&d=1n.9n.3-.x").parties, ["1n", "3-"]);
  for (const answers of [{ kind: "person" }, { kind: "firm", pays: true }, { kind: null, pays: null }]) {
    assert.deepEqual({ ...decode(c, encode(c, answers)) }, answers);
  }
});

/* Runs `code` (an ES module body that imports urlstate.js) in a worker: it must post its result before
   `ms` milliseconds; an endless loop would otherwise hang the whole test run instead of failing it. */
function returns(code, ms) {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("data:text/javascript," + encodeURIComponent(code)), { type: "module" });
    const timer = setTimeout(() => { w.terminate(); reject(new Error("did not return within " + ms + " ms")); }, ms);
    w.on("message", m => { clearTimeout(timer); w.terminate(); resolve(m); });
    w.on("error", e => { clearTimeout(timer); reject(e); });
  });
}

test("a fact id that names an Object property (__proto__) never makes decoding loop or throw", async () => {
  const url = new URL("../../quiz/assets/urlstate.js", import.meta.url).href;
  const got = await returns(`
    import { parentPort } from "node:worker_threads";
    const U = await import(${JSON.stringify(url)});
    const d = JSON.parse('{"facts":[{"id":"__proto__"},{"id":"x"}],"outcomes":[{"id":"o"},{"id":"p"}],' +
      '"rules":[{"id":"a","outcome":"o","when":{"__proto__":true,"x":true}},{"id":"b","outcome":"p","when":{"__proto__":true,"x":false}},' +
      '{"id":"c","outcome":"p","when":{"__proto__":false}}]}');
    const out = ["yy", "yn", "n-", "uy", "??", "y-"].map(code => { const a = U.decode(d, code); return Object.keys(a).map(k => [k, a[k]]); });
    out.push(U.readState(d, "?a=yy&d=yn.n-").order);
    parentPort.postMessage(out);`, 5000);
  assert.deepEqual(got, [[["__proto__", true], ["x", true]], [["__proto__", true], ["x", false]], [["__proto__", false]],
    [["__proto__", null], ["x", true]], [], [["__proto__", true]], [["__proto__", true], ["x", true]]]);
});
