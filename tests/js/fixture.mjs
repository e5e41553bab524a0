/* A tiny decision model for the pure modules' tests (the real one is checked by test_rules_parity.py):
 * three facts, four rules, three outcomes; "pays" decides alone when no, "shares" only matters for
 * resellers, and a "not sure" on "resells" leaves two outcomes open. */
export const decision = {
  facts: [
    { id: "pays", question: "Do they pay you?" },
    { id: "resells", question: "Do they resell it?" },
    { id: "shares", question: "Do you share the revenue?" },
  ],
  outcomes: [{ id: "customer" }, { id: "partner" }, { id: "other" }],
  rules: [
    { id: "not-paying", outcome: "other", when: { pays: false } },
    { id: "buyer", outcome: "customer", when: { pays: true, resells: false } },
    { id: "reseller-sharing", outcome: "partner", when: { pays: true, resells: true, shares: true } },
    { id: "reseller-plain", outcome: "customer", when: { pays: true, resells: true, shares: false } },
  ],
};

/* A seeded generator (mulberry32): the same seed gives the same round. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* A model with a choice fact: "kind" has three named answers; rules name one answer or a list of them.
 * "kind: firm" then asks "pays"; "person" decides alone; "team" or "unit" both lead to "internal". */
export const choice = {
  facts: [
    { id: "kind", question: "What are they?", options: [{ id: "firm" }, { id: "person" }, { id: "team" }, { id: "unit" }] },
    { id: "pays", question: "Do they pay you?" },
  ],
  outcomes: [{ id: "customer" }, { id: "other" }, { id: "internal" }, { id: "title" }],
  rules: [
    { id: "firm-pays", outcome: "customer", when: { kind: "firm", pays: true } },
    { id: "firm-free", outcome: "other", when: { kind: "firm", pays: false } },
    { id: "person", outcome: "title", when: { kind: "person" } },
    { id: "inside", outcome: "internal", when: { kind: ["team", "unit"] } },
  ],
  readings: [
    { id: "payer", source: "ben", outcome: "customer", when: { pays: true } },
    { id: "firm", source: "cy", outcome: "other", when: { kind: "firm", pays: true } },
  ],
};
