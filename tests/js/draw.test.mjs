import { test } from "node:test";
import assert from "node:assert/strict";
import { draw, drawAssessment, shuffle, isRight } from "../../quiz/assets/draw.js";
import { seeded } from "./fixture.mjs";

/* 20 questions over four topics of unequal size: a 2, b 3, c 5, d 10. */
const SIZES = { a: 2, b: 3, c: 5, d: 10 };
const BANK = Object.entries(SIZES).flatMap(([t, n]) => Array.from({ length: n }, (_, i) => ({ id: t + i, topic: t })));
const topicsOf = round => new Set(round.map(q => q.topic));
const count = (round, t) => round.filter(q => q.topic === t).length;

test("shuffle permutes a copy and is repeatable with a seed", () => {
  const list = [1, 2, 3, 4, 5, 6, 7, 8];
  const once = shuffle(list, seeded(1));
  assert.deepEqual([...once].sort(), list);
  assert.deepEqual(list, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(shuffle(list, seeded(1)), once);
  assert.ok(Array.from({ length: 10 }, (_, s) => shuffle(list, seeded(s)).join()).some(x => x !== once.join()));
});

test("a round has the size asked (clamped to the bank), no repeats, every topic when size allows", () => {
  for (let seed = 0; seed < 200; seed++) {
    for (const size of [1, 3, 4, 7, 20, 99]) {
      const round = draw(BANK, size, {}, [], seeded(seed));
      const want = Math.max(1, Math.min(size, BANK.length));
      assert.equal(round.length, want);
      assert.equal(new Set(round.map(q => q.id)).size, want);
      assert.equal(topicsOf(round).size, Math.min(want, 4), `seed ${seed} size ${size}`);
    }
  }
  assert.equal(draw(BANK, 0, {}, []).length, 1);
  assert.equal(draw(BANK, "x", {}, []).length, 1);
});

test("the same seed draws the same round", () => {
  const ids = seed => draw(BANK, 7, { per_topic: { c: 2 } }, ["d3"], seeded(seed)).map(q => q.id);
  assert.deepEqual(ids(42), ids(42));
  assert.ok([1, 2, 3, 4, 5].some(s => ids(s).join() !== ids(42).join()));
});

test("per-topic minimums are met when the size allows", () => {
  const config = { per_topic: { c: 3, d: 2 } };
  for (let seed = 0; seed < 200; seed++) {
    const round = draw(BANK, 7, config, [], seeded(seed));
    assert.ok(count(round, "c") >= 3 && count(round, "d") >= 2 && topicsOf(round).size === 4, `seed ${seed}`);
  }
});

test("review questions come first, in their order, unless they would crowd out a topic", () => {
  for (let seed = 0; seed < 100; seed++) {
    const round = draw(BANK, 8, {}, ["d1", "d5", "nope", "d1", "c0"], seeded(seed));
    assert.deepEqual(round.slice(0, 3).map(q => q.id), ["d1", "d5", "c0"]);
    assert.equal(topicsOf(round).size, 4);
  }
  // Four slots, four topics: only one review of topic d fits, the other topics still come.
  const tight = draw(BANK, 4, {}, ["d1", "d2", "d3"], seeded(7));
  assert.deepEqual(tight.slice(0, 1).map(q => q.id), ["d1"]);
  assert.equal(tight.filter(q => ["d2", "d3"].includes(q.id)).length, 0);
  assert.equal(topicsOf(tight).size, 4);
});

test("an answer is right when exactly the correct options are chosen", () => {
  const one = { correct: ["b"] }, two = { correct: ["a", "c"] };
  assert.ok(isRight(one, ["b"]));
  assert.ok(!isRight(one, []) && !isRight(one, ["a"]) && !isRight(one, ["a", "b"]));
  assert.ok(isRight(two, ["c", "a"]));
  assert.ok(!isRight(two, ["a"]) && !isRight(two, ["a", "b"]) && !isRight(two, ["a", "b", "c"]));
});

test("a tampered per_topic quota cannot make draw() loop to the quota (issue #21: 1e9 hung the quiz)", () => {
  // rnd counts its calls and gives up long before a loop to the quota would end: a hang becomes a failure
  let calls = 0;
  const rnd = () => { if (++calls > 100000) throw new Error("draw() is looping"); return 0.5; };
  for (const quota of [1e9, Infinity, "1e9", 2 ** 31, NaN, -5]) {
    calls = 0;
    const round = draw(BANK, 7, { per_topic: { c: quota, zz: quota } }, [], rnd);
    assert.equal(round.length, 7);
    assert.ok(count(round, "c") >= (quota > 0 ? 1 : 0));
  }
});

test("a topic whose minimum is 0 is not forced into the round", () => {
  for (let seed = 0; seed < 100; seed++) {
    const round = draw(BANK, 3, { per_topic: { a: 0, b: 0 } }, [], seeded(seed));
    assert.ok(count(round, "c") >= 1 && count(round, "d") >= 1, `seed ${seed}`);
  }
});

/* 30 cases, each with a classify item and one other: kinds classify, act, play, reading. */
const KINDS = ["act", "play", "reading"];
const HELD = Array.from({ length: 30 }, (_, i) => [
  { id: "c" + i, case: "case" + i, kind: "classify", topic: "classification", pool: "assessment" },
  { id: "x" + i, case: "case" + i, kind: KINDS[i % 3], topic: "first-steps", pool: "assessment" }]).flat();
const CFG = { size: 12, per_topic: { classification: 5 }, max_per_kind: { reading: 2 } };

test("an assessment round: its size, one question per case, the kinds' minimum and maximum", () => {
  for (let seed = 0; seed < 200; seed++) {
    const round = drawAssessment(HELD, 12, CFG, [], seeded(seed));
    assert.equal(round.length, 12);
    assert.equal(new Set(round.map(q => q.case)).size, 12, `seed ${seed}: two questions on one case`);
    assert.ok(round.filter(q => q.kind === "classify").length >= 5, `seed ${seed}`);
    assert.ok(round.filter(q => q.kind === "reading").length <= 2, `seed ${seed}`);
    assert.ok(new Set(round.map(q => q.topic)).size >= 2, `seed ${seed}: every topic`);
  }
  const ids = seed => drawAssessment(HELD, 12, CFG, [], seeded(seed)).map(q => q.id).join();
  assert.equal(ids(3), ids(3));
  assert.ok([4, 5, 6].some(s => ids(s) !== ids(3)));
});

test("an assessment round is smaller, never stuck, when the pool or tampered settings leave too little", () => {
  let calls = 0;
  const rnd = () => { if (++calls > 100000) throw new Error("drawAssessment() is looping"); return 0.3; };
  const few = HELD.slice(0, 6);  // three cases
  assert.equal(drawAssessment(few, 12, CFG, [], rnd).length, 3);
  for (const bad of [{ per_topic: { classification: 1e9 } }, { max_per_kind: { reading: -1 } }, { max_per_kind: { classify: "x" } }, null]) {
    calls = 0;
    const round = drawAssessment(HELD, 12, bad, null, rnd);
    assert.equal(round.length, 12, JSON.stringify(bad));
  }
});

test("review picks come first, as many as leave room for every topic still to cover", () => {
  const review = ["a0", "b0", "c0", "d0", "a1"];
  const round = draw(BANK, 4, {}, review, seeded(1));
  assert.deepEqual(round.slice(0, 4).map(q => q.id), ["a0", "b0", "c0", "d0"]);
  const small = draw(BANK, 3, { per_topic: { d: 0 } }, ["a0", "a1", "b0"], seeded(2));
  assert.deepEqual(small.slice(0, 2).map(q => q.id), ["a0", "b0"], "a second pick of topic a would leave c uncovered");
});

test("an assessment round brings the review questions back first, still one per case", () => {
  const review = ["x4", "c4", "c7"];  // x4 and c4 are one case: only the first comes back
  for (let seed = 0; seed < 50; seed++) {
    const round = drawAssessment(HELD, 12, CFG, review, seeded(seed));
    const first = round.slice(0, 2).map(q => q.id);
    assert.ok(first.includes("c7") && first.every(id => review.includes(id)), `seed ${seed}: ${first}`);
    assert.equal(new Set(round.map(q => q.case)).size, 12);
  }
});
