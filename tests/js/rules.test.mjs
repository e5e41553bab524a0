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
