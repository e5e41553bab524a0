/* The classifier's state in the page address, so a result can be bookmarked, sent to a colleague and
 * restored by opening the link. ?a=… holds one letter per fact in question order (y, n, u for "not
 * sure", - for not asked); ?d=… holds earlier parties of the same deal, separated by ".". Pure: the
 * caller passes the page address's parts ({pathname, search, hash}). */
import { nextQuestion, own } from "./rules.js";

const CODE = { "true": "y", "false": "n", "null": "u" };
const MAX_PARTIES = 20;

export function encode(d, answers) {
  return d.facts.map(f => own(answers, f.id) ? CODE[String(answers[f.id])] : "-").join("");
}

/* Answers from a code, replayed in asking order: only what the tool would have asked is kept. */
export function decode(d, code) {
  const answers = {};
  if (typeof code !== "string" || code.length !== d.facts.length || !/^[ynu-]*$/.test(code)) return answers;
  let f;
  while ((f = nextQuestion(d, answers)) !== null) {
    const c = code.charAt(d.facts.findIndex(x => x.id === f));
    if (c === "-") break;
    answers[f] = c === "y" ? true : c === "n" ? false : null;
  }
  return answers;
}

/* {order: [[fact, answer], …] in asking order, parties: [code, …]} from the address's search string. */
export function readState(d, search) {
  const q = new URLSearchParams(search), a = decode(d, q.get("a"));
  const parties = (q.get("d") || "").split(".")
    .filter(c => c.length === d.facts.length && /^[ynu-]+$/.test(c)).slice(0, MAX_PARTIES);
  return { order: Object.keys(a).map(f => [f, a[f]]), parties };
}

/* The page's own address holding answers `code` and the deal's other parties; other parameters kept. */
export function stateUrl(here, code, deal) {
  const q = new URLSearchParams(here.search);
  q.delete("a"); q.delete("d");
  if (deal.length) q.set("d", deal.join("."));
  if (code && code.replace(/-/g, "")) q.set("a", code);
  const s = q.toString();
  return here.pathname + (s ? "?" + s : "") + here.hash;
}
