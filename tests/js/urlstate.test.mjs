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
  assert.deepEqual(decode(d, "yyn"), { pays: true, resells: true, shares: false });
  assert.deepEqual(decode(d, "nyy"), { pays: false });  // after "no" nothing more is asked
  assert.deepEqual(decode(d, "y-y"), { pays: true });  // stops at the first unasked fact
  for (const bad of [null, "", "yy", "yyyy", "yxy", "<b>"]) assert.deepEqual(decode(d, bad), {}, String(bad));
});

test("a tool's answers survive the round trip through the address", () => {
  for (const answers of [{ pays: false }, { pays: true, resells: false }, { pays: null, resells: true, shares: null }]) {
    assert.deepEqual(decode(d, encode(d, answers)), answers);
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
