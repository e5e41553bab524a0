import { test } from "node:test";
import assert from "node:assert/strict";
import { classify, matchingRules, candidates, nextQuestion, path, verdict, decide } from "../../quiz/assets/rules.js";
import { decision as d } from "./fixture.mjs";

const ids = rules => rules.map(r => r.id);

test("classify returns the one matching rule and refuses anything else", () => {
  assert.equal(classify(d, { pays: true, resells: true, shares: false }).id, "reseller-plain");
  assert.equal(classify(d, { pays: false, resells: true, shares: true }).id, "not-paying");
  assert.throws(() => classify(d, {}), { message: "0 rules match" });
  const twice = { ...d, rules: d.rules.concat([{ id: "dup", outcome: "other", when: { pays: false } }]) };
  assert.throws(() => classify(twice, { pays: false }), { message: "2 rules match" });
});

test("a fact is matched only when answered with the rule's value, never by a missing or unsure one", () => {
  assert.deepEqual(ids(matchingRules(d, { pays: true, resells: null })), []);
  assert.deepEqual(ids(matchingRules(d, { pays: true, resells: false })), ["buyer"]);
});

test("candidates keep rules an unasked or unsure answer leaves open", () => {
  assert.deepEqual(ids(candidates(d, {})), ids(d.rules));
  assert.deepEqual(ids(candidates(d, { pays: true })), ["buyer", "reseller-sharing", "reseller-plain"]);
  assert.deepEqual(ids(candidates(d, { pays: null, resells: false })), ["not-paying", "buyer"]);
});

test("nextQuestion asks in the facts' order, only what a remaining rule looks at", () => {
  assert.equal(nextQuestion(d, {}), "pays");
  assert.equal(nextQuestion(d, { pays: false }), null);
  assert.equal(nextQuestion(d, { pays: true }), "resells");
  assert.equal(nextQuestion(d, { pays: true, resells: false }), null);
  assert.equal(nextQuestion(d, { pays: null }), "resells");
  assert.equal(nextQuestion(d, { pays: true, resells: null, shares: null }), null);
});

test("path lists the questions asked, unknown facts answered not sure", () => {
  assert.deepEqual(path(d, { pays: false, resells: true, shares: true }), [["pays", false]]);
  assert.deepEqual(path(d, { pays: true, resells: true, shares: true }),
    [["pays", true], ["resells", true], ["shares", true]]);
  assert.deepEqual(path(d, { pays: true }), [["pays", true], ["resells", null], ["shares", null]]);
});

test("verdict names the outcome, or what is still possible and which unsure answer to find out", () => {
  const decided = verdict(d, { pays: true, resells: false });
  assert.equal(decided.outcome, "customer");
  assert.equal(decided.rule.id, "buyer");
  assert.deepEqual(decided.find_out, []);

  const open = verdict(d, { pays: true, resells: null, shares: null });
  assert.equal(open.outcome, null);
  assert.equal(open.rule, null);
  assert.deepEqual(open.outcomes, ["customer", "partner"]);  // in the outcomes' order
  assert.deepEqual(open.find_out, ["resells", "shares"]);  // in the facts' order; either could decide
  assert.deepEqual(verdict(d, { pays: true, resells: true, shares: null }).find_out, ["shares"]);

  const sameOutcome = verdict(d, { pays: true, resells: null, shares: false });
  assert.equal(sameOutcome.outcome, "customer");  // two rules, one outcome: decided, no rule named
  assert.equal(sameOutcome.rule, null);
});

test("decide waits while a question is open", () => {
  assert.equal(decide(d, { pays: true }), null);
  assert.deepEqual(decide(d, { pays: false }), verdict(d, { pays: false }));
});

import { choice as c } from "./fixture.mjs";
import { values, splits, blank } from "../../quiz/assets/rules.js";

test("a choice fact is answered by an option id; a rule may accept a list of answers", () => {
  assert.deepEqual(values(c.facts[0]), ["firm", "person", "team", "unit"]);
  assert.deepEqual(values(c.facts[1]), [true, false]);
  assert.equal(classify(c, { kind: "unit", pays: true }).id, "inside");
  assert.equal(classify(c, { kind: "team" }).id, "inside");
  assert.equal(classify(c, { kind: "firm", pays: false }).id, "firm-free");
  assert.throws(() => classify(c, { kind: "nobody", pays: true }), { message: "0 rules match" });
  // an option id never stands for yes, nor yes for an option
  assert.deepEqual(ids(matchingRules(c, { kind: true, pays: true })), []);
  assert.deepEqual(ids(matchingRules({ ...c, rules: [{ id: "y", outcome: "o", when: { pays: true } }] }, { pays: "true" })), []);
});

test("with a choice fact unsure, every outcome one of its answers allows stays possible", () => {
  assert.equal(nextQuestion(c, {}), "kind");
  assert.equal(nextQuestion(c, { kind: "person" }), null);
  assert.equal(nextQuestion(c, { kind: "firm" }), "pays");
  assert.equal(nextQuestion(c, { kind: null }), "pays");
  const open = verdict(c, { kind: null, pays: true });
  assert.deepEqual(open.outcomes, ["customer", "internal", "title"]);
  assert.deepEqual(open.find_out, ["kind"]);
  assert.ok(splits(c.rules, "kind", values(c.facts[0])));
  assert.ok(splits(c.rules.slice(3), "kind", values(c.facts[0])), "firm leaves nothing, team leaves internal");
  assert.ok(!splits(c.rules.slice(3), "kind", ["team", "unit"]), "both answers leave the same outcome");
  assert.deepEqual(verdict(c, { kind: "team", pays: null }).outcome, "internal");
  assert.deepEqual(path(c, { kind: "team", pays: true }), [["kind", "team"]]);
});

test("answers may hold any fact id, even one that names an Object property", () => {
  const odd = { facts: [{ id: "__proto__" }, { id: "constructor" }], outcomes: [{ id: "o" }, { id: "p" }],
    rules: JSON.parse('[{"id":"a","outcome":"o","when":{"__proto__":true,"constructor":true}},' +
      '{"id":"b","outcome":"p","when":{"__proto__":true,"constructor":false}},{"id":"c","outcome":"p","when":{"__proto__":false}}]') };
  const a = blank();
  a["__proto__"] = true;
  assert.equal(nextQuestion(odd, a), "constructor");
  assert.deepEqual(path(odd, JSON.parse('{"__proto__":true,"constructor":false}')), [["__proto__", true], ["constructor", false]]);
  assert.deepEqual(path(odd, {}), [["__proto__", null], ["constructor", null]]);
});

import { readingsFor } from "../../quiz/assets/rules.js";

test("a source's reading is shown where the answers meet its test and it differs from the rules; open while unknown", () => {
  const shown = a => readingsFor(c, a).map(x => [x.reading.id, x.status, x.unknown]);
  assert.deepEqual(shown({ kind: "team", pays: true }), [["payer", "applies", []]], "internal ≠ customer: shown");
  assert.deepEqual(shown({ kind: "firm", pays: true }), [["firm", "applies", []]], "payer names the rules' customer: left out");
  assert.deepEqual(shown({ kind: "firm", pays: false }), [], "a known answer contradicts both");
  assert.deepEqual(shown({ kind: "person" }), [["payer", "open", ["pays"]]], "pays unasked: open");
  assert.deepEqual(shown({ kind: null, pays: true }), [["payer", "applies", []], ["firm", "open", ["kind"]]], "undecided");
  assert.deepEqual(readingsFor({ ...c, readings: undefined }, { kind: "team" }), []);
});
