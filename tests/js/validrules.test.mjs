import { test } from "node:test";
import assert from "node:assert/strict";
import { validRules } from "../../quiz/assets/validrules.js";

const notes = { signals: [], special_cases: [], pitfalls: [] };
const rules = extra => ({
  facts: [{ id: "f", link: "decision/#f", question: "Q?", help: "H", yes: "Y", no: "N", how_to_find_out: "Ask." },
    { id: "k", link: "decision/#k", question: "K?", help: "H", yes: "", no: "", how_to_find_out: "Ask.",
      options: [{ id: "a", short: "A", label: "A.", example: "E." }, { id: "b", short: "B", label: "B.", example: "E." }] }],
  outcomes: [{ id: "o", link: "decision/#o", name: "O", summary: "S", next_step: "N", notes, plays: [] }],
  rules: [{ id: "r", link: "decision/#r", outcome: "o", because: "B", when: { f: true, k: ["a", "b"] }, notes }],
  readings: [{ id: "x", link: "decision/#reading-x", source: "s", outcome: "o", when: { k: "a" }, answers: "Q?", text: "T" }],
  signals: [], special_cases: [], pitfalls: [{ id: "p", link: "pitfalls/#p", name: "P" }],
  urls: { source: "sources/{id}/" }, ...extra });

test("well-formed rules pass, with a yes/no fact and a choice fact", () => {
  assert.ok(validRules(rules()));
  assert.ok(validRules(rules({ rules: [{ ...rules().rules[0], when: { k: "b" } }] })));
});

test("malformed rules are refused", () => {
  const good = rules();
  const option = extra => rules({ facts: [good.facts[0], { ...good.facts[1], options: [{ ...good.facts[1].options[0], ...extra }, good.facts[1].options[1]] }] });
  const when = w => rules({ rules: [{ ...good.rules[0], when: w }] });
  const broken = [null, rules({ facts: [] }), rules({ signals: undefined }),
    rules({ facts: [{ ...good.facts[0], link: "https://evil.example/" }] }),
    when({ f: "yes" }), when({ k: true }), when({ k: "c" }), when({ k: [] }), when({ k: ["a", "z"] }), when({ nofact: true }),
    when({ f: null }), rules({ facts: [{ ...good.facts[0], id: "__proto__" }] }),
    option({ id: "unknown" }), option({ id: "Bad Id" }), option({ label: 3 }),
    rules({ facts: [good.facts[0], { ...good.facts[1], options: "ab" }] }),
    rules({ readings: [{ ...good.readings[0], source: "Bad Source" }] }), rules({ readings: undefined }),
    rules({ readings: [{ ...good.readings[0], when: { k: "z" } }] }), rules({ readings: [{ ...good.readings[0], link: "javascript:x" }] }),
    rules({ readings: [{ ...good.readings[0], text: 3 }] }),
    rules({ outcomes: [{ ...good.outcomes[0], notes: { signals: [] } }] }),
    rules({ pitfalls: [{ id: "p", link: "pitfalls/#p" }] }),
    rules({ urls: { source: "javascript:{id}" } }), rules({ urls: "sources/" })];
  broken.forEach((r, i) => assert.ok(!validRules(r), `case ${i}`));
});
