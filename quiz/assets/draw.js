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
   up to its minimum (config.per_topic, one each first), then at random. Review picks keep their order. */
export function draw(questions, size, config, review, rnd) {
  rnd = rnd || Math.random;
  size = Math.max(1, Math.min(size | 0, questions.length));
  const per = (config && config.per_topic) || {}, picked = [], count = {}, topics = [];
  questions.forEach(q => { if (!topics.includes(q.topic)) topics.push(q.topic); });
  const want = Math.min(topics.length, size);
  const need = t => Math.max(1, +per[t] | 0);
  const take = q => { picked.push(q); count[q.topic] = (count[q.topic] || 0) + 1; };
  const covered = () => Object.keys(count).length;
  (review || []).forEach(id => {
    const q = questions.find(x => x.id === id);
    if (!q || picked.includes(q) || picked.length >= size) return;
    if (size - picked.length - 1 >= want - covered() - (count[q.topic] ? 0 : 1)) take(q);
  });
  const first = picked.length, top = Math.max(...topics.map(need));
  for (let level = 1; level <= top; level++) {
    shuffle(topics, rnd).forEach(t => {
      if (picked.length >= size || (count[t] || 0) >= Math.min(level, need(t))) return;
      const pool = questions.filter(q => q.topic === t && !picked.includes(q));
      if (pool.length) take(pool[Math.floor(rnd() * pool.length)]);
    });
  }
  const rest = shuffle(questions.filter(q => !picked.includes(q)), rnd);
  while (picked.length < size) take(rest.pop());
  return picked.slice(0, first).concat(shuffle(picked.slice(first), rnd));
}

/* Right when exactly the correct options are chosen (in any order). */
export function isRight(q, chosen) {
  return chosen.length === q.correct.length && chosen.every(id => q.correct.includes(id));
}
