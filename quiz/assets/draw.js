/* Drawing a round of questions and marking an answer. Pure: randomness comes in as `rnd` (a function
 * returning [0, 1), Math.random by default), so a seeded generator gives a repeatable round. */

export function shuffle(list, rnd) {
  const a = list.slice(), next = rnd || Math.random;
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1)), t = a[i];
    a[i] = a[j]; a[j] = t;
  }
  return a;
}

/* `size` questions: review ids first (as long as every topic can still be covered), then per topic
   up to its minimum (config.per_topic, one each first; 0 leaves a topic out of the minimum), then at
   random. Review picks keep their order. A minimum never exceeds the round, so no quota makes it loop. */
export function draw(questions, size, config, review, rnd) {
  rnd = rnd || Math.random;
  size = Math.max(1, Math.min(size | 0, questions.length));
  const per = (config && config.per_topic) || {}, picked = [], count = {}, topics = [];
  const need = t => Math.min(t in per ? +per[t] : 1, size);  // never above the round: no quota loops
  questions.forEach(q => { if (!topics.includes(q.topic) && need(q.topic) > 0) topics.push(q.topic); });
  const want = Math.min(topics.length, size);
  const take = q => { picked.push(q); count[q.topic] = (count[q.topic] || 0) + 1; };
  const open = () => topics.filter(t => !count[t]);
  (review || []).forEach(id => {
    const q = questions.find(x => x.id === id);
    if (!q || picked.includes(q) || picked.length >= size) return;
    if (size - picked.length - 1 >= want - topics.length + open().length - open().includes(q.topic)) take(q);
  });
  const top = Math.max(0, ...topics.map(need)), r = review || [], k = q => r.indexOf(q.id) + 1 || 1e9;
  for (let level = 1; level <= top && picked.length < size; level++) {
    shuffle(topics, rnd).forEach(t => {
      if (picked.length >= size || (count[t] || 0) >= Math.min(level, need(t))) return;
      const pool = questions.filter(q => q.topic === t && !picked.includes(q));
      if (pool.length) take(pool[Math.floor(rnd() * pool.length)]);
    });
  }
  const rest = shuffle(questions.filter(q => !picked.includes(q)), rnd);
  while (picked.length < size) take(rest.pop());
  return shuffle(picked, rnd).sort((a, b) => k(a) - k(b));  // every review pick first, in review order
}

/* An assessment round: `size` held-out questions, the review ids first (they keep their place in the
   draw), never two about one case (one would give the other away), at most config.max_per_kind[k] of
   kind k, drawn like any round over config.per_topic. */
export function drawAssessment(questions, size, config, review, rnd) {
  const c = config || {}, max = c.max_per_kind || {}, seen = new Set(), n = {}, r = review || [];
  const one = shuffle(questions, rnd).sort((a, b) => r.includes(b.id) - r.includes(a.id)).filter(q => !seen.has(q.case) &&
    (n[q.kind] = (n[q.kind] || 0) + 1) <= (max[q.kind] ?? size) && seen.add(q.case));
  return draw(one, size, { per_topic: c.per_topic }, r, rnd);
}

/* Right when exactly the correct options are chosen (in any order). */
export function isRight(q, chosen) {
  return chosen.length === q.correct.length && chosen.every(id => q.correct.includes(id));
}
