import { test } from "node:test";
import assert from "node:assert/strict";
import { draw, shuffle, isRight } from "../../quiz/assets/draw.js";
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
