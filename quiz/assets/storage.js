/* The quiz's history and review queue in a Storage (localStorage in the page; any object with
 * getItem/setItem/removeItem in tests). Anything unexpected in it is ignored, never trusted; a
 * storage that is missing (null) or throws (private mode) means no history, never an error. */

export const KEY = "partner-or-customer/quiz";
const KEEP = 100;

export function validAttempt(a) {
  return !!a && typeof a === "object" && typeof a.date === "string" && !isNaN(Date.parse(a.date)) &&
    Number.isInteger(a.total) && Number.isInteger(a.correct) && a.total > 0 && a.correct >= 0 &&
    a.correct <= a.total && typeof a.passed === "boolean";
}

/* {history: the last 100 valid attempts, missed: ids to review, unique and (given `ids`) still in the bank}. */
export function readStore(storage, ids) {
  let s = null;
  try { s = JSON.parse(storage.getItem(KEY)); } catch (e) { s = null; }
  if (!s || typeof s !== "object" || Array.isArray(s)) s = {};
  const attempts = Array.isArray(s.history) ? s.history.filter(validAttempt) : [];
  const missed = Array.isArray(s.missed)
    ? s.missed.filter((id, i, a) => typeof id === "string" && (!ids || ids.has(id)) && a.indexOf(id) === i) : [];
  return { history: attempts.slice(-KEEP), missed };
}

export function writeStore(storage, s) {
  try { storage.setItem(KEY, JSON.stringify(s)); } catch (e) { /* private mode: no history */ }
}

export function clearStore(storage) {
  try { storage.removeItem(KEY); } catch (e) { /* nothing stored */ }
}

/* The store after a round: the attempt appended; this round's misses first in the review queue, then
   earlier ones not answered right this time. `results` are [{q: {id}, ok}]. */
export function recordRound(s, attempt, results) {
  const missed = results.filter(r => !r.ok).map(r => r.q.id);
  return {
    history: s.history.concat([attempt]),
    missed: missed.concat(s.missed.filter(id => !missed.includes(id) && !results.some(r => r.ok && r.q.id === id))),
  };
}
