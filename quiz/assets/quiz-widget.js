/* The quiz widget: a round drawn from questions.json, marked in practice mode after each question or
 * in assessment mode at the end; results and the review queue kept in this browser (storage.js). */
import { h, parts, button, focus, date, cite, load, localStore } from "./dom.js";
import { draw, drawAssessment, shuffle, isRight } from "./draw.js";
import { readStore, writeStore, clearStore, recordRound } from "./storage.js";
import { validBank, urlOf } from "./valid.js";
import { pct, mdEscape, shortLine } from "./format.js";

export function quiz(root) {
  const p = parts(root), setup = p.setup, byId = {};
  let bank = [], data, base, round = null, last = null;
  const size = setup.elements.size;
  load(root).then(got => {
    data = got.data; base = got.base;
    if (!validBank(data)) throw new Error("questions.json is not valid");
    bank = data.questions;
    bank.forEach(q => byId[q.id] = q);
    size.max = bank.length;
    setup.querySelector("[data-action=start]").disabled = false;
    history();
  }).catch(() => {
    p.history.textContent = "";
    p.say("The questions could not be loaded. Reload the page, or use the study sheet.");
  });

  function config() { return data.config || {}; }
  /* Assessment mode draws from the held-out pool (when the bank has one), practice from the rest, so a
     practice round never shows a held-out case with its feedback. */
  function roundOf(mode, n) {
    const held = bank.filter(q => q.pool === "assessment"), rest = bank.filter(q => q.pool !== "assessment");  // never empty: the guide always yields practice questions
    return mode === "assessment" && held.length ? drawAssessment(held, n, config().assessment, store().missed)
      : draw(rest, n, config(), store().missed);
  }
  function store() { return readStore(localStore(), new Set(bank.map(q => q.id))); }
  function topic(id) {
    return (data.topics || []).find(t => t.id === id) || { id: id, name: id, link: "" };
  }

  function history() {
    const s = store(), box = p.history, n = s.history.length;
    box.textContent = "";
    setup.querySelector("[data-action=reset]").hidden = !n && !s.missed.length;
    box.setAttribute("data-attempts", n);
    if (!n) { box.append(h("p", { text: "No attempts yet in this browser." })); }
    else {
      const best = Math.max.apply(null, s.history.map(a => a.correct / a.total));
      box.setAttribute("data-best", pct(best));
      box.append(h("p", {}, ["Best score: ", h("strong", { text: pct(best) + " %" }), " (" + n + " attempts)."]));
      box.append(h("ul", {}, s.history.slice(-5).reverse().map(a => {
        return h("li", { text: date(a.date) + ": " + pct(a.correct / a.total) + " % (" + a.correct + " of " + a.total + ") — " + (a.passed ? "passed" : "not passed") });
      })));
    }
    if (s.missed.length) box.append(h("p", { text: s.missed.length + " question" + (s.missed.length > 1 ? "s" : "") + " you missed before will come first." }));
  }

  function begin(list, mode) {
    round = { list: list, mode: mode, warned: false, done: false, marked: {} };
    setup.hidden = true; p.result.hidden = true; p.copy.hidden = true;
    const run = p.run, form = h("form", { class: "pq-round", novalidate: true });
    run.textContent = "";
    run.hidden = false;
    list.forEach((q, i) => form.append(question(q, i, list.length, mode)));
    form.append(h("div", { class: "pq-actions" }, [h("button", { type: "submit", class: "pq-btn pq-btn--main", text: mode === "practice" ? "Finish and see my result" : "Submit my answers" })]));
    const title = h("h2", { tabindex: "-1", text: list.length + " question" + (list.length > 1 ? "s" : "") + " — " + mode + " mode" });
    run.append(title, form);
    focus(title);
    root.dispatchEvent(new CustomEvent("pq:begin", { detail: { mode: mode, ids: list.map(q => q.id) } }));
  }

  function question(q, i, n, mode) {
    const name = "pq-q" + i, shown = shuffle(q.options);
    const fs = h("fieldset", { class: "pq-q", "data-question-id": q.id, "data-topic": q.topic }, [
      h("legend", {}, [h("span", { class: "pq-n", text: "Question " + (i + 1) + " of " + n })].concat(
        String(q.prompt).split("\n").map(line => { return h("span", { class: "pq-line", text: line }); })))
    ]);
    if (q.multiple) fs.append(h("p", { class: "pq-hint", text: "Select all that apply." }));
    fs.append(h("div", { class: "pq-options" }, shown.map((o, j) => {
      const id = name + "-" + j;
      return h("div", { class: "pq-option" }, [
        h("input", { type: q.multiple ? "checkbox" : "radio", name: name, id: id, value: o.id }),
        h("label", { for: id, text: o.text })]);
    })));
    fs.append(h("fieldset", { class: "pq-sure" }, [h("legend", { text: "How sure are you? (optional)" })].concat(
      ["sure", "unsure"].map(v => {
        const id = name + "-" + v;
        return h("span", { class: "pq-option" }, [h("input", { type: "radio", name: name + "-sure", id: id, value: v }), h("label", { for: id, text: v === "sure" ? "Sure" : "Unsure" })]);
      }))));
    if (mode === "practice") fs.append(h("div", { class: "pq-actions" }, [button("check", "Check answer")]));
    fs.append(h("div", { class: "pq-feedback", tabindex: "-1", hidden: true }));
    return fs;
  }

  function chosen(fs) {
    return Array.from(fs.querySelectorAll(".pq-options input:checked"), e => e.value);
  }

  /* Marks one question, locks it and shows the answer, reasoning, sources and a link to the guide. */
  function mark(fs) {
    const q = byId[fs.getAttribute("data-question-id")], sel = chosen(fs), ok = isRight(q, sel);
    const sure = fs.querySelector(".pq-sure input:checked");
    const fb = fs.querySelector(".pq-feedback"), action = fs.querySelector(".pq-actions");
    if (action) action.remove();
    fs.querySelectorAll("input").forEach(e => e.disabled = true);
    fs.setAttribute("data-result", ok ? "right" : "wrong");
    fs.querySelectorAll(".pq-options .pq-option").forEach(div => {
      const input = div.querySelector("input"), right = q.correct.indexOf(input.value) >= 0;
      const note = right ? (input.checked ? "correct, your answer" : "correct answer") : input.checked ? "your answer" : "";
      if (right) div.classList.add("pq-right");
      if (input.checked) div.classList.add("pq-chosen");
      if (note) div.querySelector("label").append(h("span", { class: "pq-note", text: " — " + note }));
    });
    const answer = q.options.filter(o => q.correct.indexOf(o.id) >= 0).map(o => o.text);
    fb.textContent = "";
    fb.append(
      h("p", { class: "pq-verdict" }, [h("strong", { text: ok ? "\u2714 Correct." : sel.length ? "\u2718 Not quite." : "\u2718 Not answered." }),
        ok ? "" : " The answer " + (answer.length > 1 ? "is all of: " : "is: ") + answer.join("; ").replace(/[^.!?]$/, "$&.")]),
      h("p", { text: q.explanation }));
    /* The feedback for a wrong pick: why it fails here (computed from the rules). */
    sel.forEach(id => {
      const t = q.correct.indexOf(id) < 0 && (q.feedback || {})[id];
      if (t) fb.append(h("p", { class: "pq-yours" }, [h("strong", { text: "Your answer: " }), t]));
    });
    fb.append(
      h("p", {}, [cite(data, base, q.sources || [])]),
      h("p", {}, [h("a", { class: "pq-more", href: new URL(q.link, base).href, target: "_blank", text: "Read more in the guide" }), " (opens in a new tab)"]));
    fb.hidden = false;
    return (round.marked[q.id] = { q: q, ok: ok, sure: sure && sure.value });
  }

  function check(btn) {
    const fs = btn.closest("fieldset");
    if (!chosen(fs).length) { p.say("Choose an answer first."); focus(fs.querySelector("input")); return; }
    const r = mark(fs);
    focus(fs.querySelector(".pq-feedback"));
    p.say(r.ok ? "Correct." : "Not quite.");
  }

  function finish(form) {
    if (round.done) return;
    const open = Array.from(form.querySelectorAll("fieldset.pq-q")).filter(fs => !fs.hasAttribute("data-result") && !chosen(fs).length);
    if (open.length && !round.warned) {
      round.warned = true;
      p.say(open.length + " not answered: they count as wrong. Submit again to finish anyway.");
      focus(open[0].querySelector("input"));
      return;
    }
    round.done = true;
    const results = Array.from(form.querySelectorAll("fieldset.pq-q"), fs => round.marked[fs.getAttribute("data-question-id")] || mark(fs));
    form.querySelector(":scope > .pq-actions").remove();
    p.run.querySelector("h2").textContent = "Your answers, reviewed";
    result(results);
  }

  function result(results) {
    const right = results.filter(r => r.ok).length, total = results.length;
    const mark = config().pass_mark > 0 ? config().pass_mark : 0.8, passed = right / total >= mark - 1e-9;
    const missed = results.filter(r => !r.ok).map(r => r.q.id);
    const s = recordRound(store(), { date: new Date().toISOString(), correct: right, total: total, passed: passed, mode: round.mode }, results);
    writeStore(localStore(), s);
    const best = Math.max.apply(null, s.history.map(a => a.correct / a.total));
    last = { results: results, right: right, total: total, passed: passed, mark: mark, missed: missed, date: new Date(), mode: round.mode };

    const box = p.score, topics = [];
    results.forEach(r => { if (topics.indexOf(r.q.topic) < 0) topics.push(r.q.topic); });
    const order = (data.topics || []).map(t => t.id);
    topics.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    box.textContent = "";
    box.append(
      h("p", { class: "pq-score", "data-score": pct(right / total), "data-passed": String(passed) }, [
        h("strong", { class: "pq-big", text: pct(right / total) + " %" }),
        " " + right + " of " + total + " correct — ",
        h("strong", { text: passed ? "passed" : "not passed yet" }),
        " (pass mark " + pct(mark) + " %)."]),
      h("p", { text: "Your best: " + pct(best) + " %." }),
      h("h3", { text: "By topic" }),
      h("ul", { class: "pq-topics" }, topics.map(id => {
        const t = topic(id), mine = results.filter(r => r.q.topic === id);
        const ok = mine.filter(r => r.ok).length;
        return h("li", { "data-topic": id, "data-correct": ok, "data-total": mine.length }, [
          h("a", { href: new URL(t.link, base).href, text: t.name }), ": " + ok + " of " + mine.length +
          (ok < mine.length ? " — worth re-reading" : "")]);
      })));
    const sure = results.filter(r => r.sure === "sure"), unsure = results.filter(r => r.sure === "unsure");
    if (sure.length || unsure.length) {
      const rate = list => list.filter(r => r.ok).length + " of " + list.length;
      const sureRate = sure.length ? sure.filter(r => r.ok).length / sure.length : 1;
      box.append(h("h3", { text: "Confidence" }), h("p", { class: "pq-calibration" }, [
        (sure.length ? "When sure, you were right " + rate(sure) + ". " : "") +
        (unsure.length ? "When unsure, " + rate(unsure) + ". " : "") +
        (sureRate < 0.75 ? "Re-read first what you were sure of and got wrong." : "Your confidence was well placed.")]));
    }
    root.querySelector("[data-action=missed]").hidden = !missed.length;
    p.result.hidden = false;
    focus(root.querySelector("#pq-result-title"));
    p.say("Your score: " + pct(right / total) + " %, " + (passed ? "passed." : "not passed yet."));
    root.dispatchEvent(new CustomEvent("pq:result", { detail: last })); // lms-widget.js reports it
  }

  function summary() {
    const esc = mdEscape;
    const lines = ["# Partner or Customer? quiz — " + date(last.date.toISOString()), "",
      "Score: " + pct(last.right / last.total) + " % (" + last.right + "/" + last.total + "), " +
      (last.passed ? "passed" : "not passed") + " (pass mark " + pct(last.mark) + " %), " + last.mode + " mode", "",
      "| Topic | Correct |", "| --- | --- |"];
    root.querySelectorAll(".pq-topics li").forEach(li => {
      lines.push("| " + esc(li.querySelector("a").textContent) + " | " + li.getAttribute("data-correct") + "/" + li.getAttribute("data-total") + " |");
    });
    if (last.missed.length) {
      lines.push("", "Missed:");
      last.missed.forEach(id => {
        const t = esc(shortLine(byId[id].prompt));  // a held-out question is not on the study sheet: not linked
        lines.push(byId[id].pool === "assessment" ? "- " + t : "- [" + t + "](" + new URL(urlOf(data.urls.question, id), base).href + ")");
      });
    }
    return lines.join("\n") + "\n";
  }

  function copy() {
    const text = summary(), box = p.copy, area = box.querySelector("textarea");
    const fallback = () => {
      area.value = text;
      box.hidden = false;
      area.focus();
      area.select();
      p.say("Copy the summary from the box below.");
    };
    const clip = window.navigator.clipboard;
    if (clip && clip.writeText) clip.writeText(text).then(() => { box.hidden = true; p.say("Summary copied."); }, fallback);
    else fallback();
  }

  const actions = {
    check: check,
    retake: () => begin(roundOf(round.mode, round.list.length), round.mode),
    missed: () => begin(shuffle(last.missed.map(id => byId[id])), round.mode),
    copy: copy,
    print: () => window.print(),
    settings: () => {
      p.result.hidden = true; p.run.hidden = true; p.run.textContent = ""; setup.hidden = false;
      history();
      focus(setup.querySelector("h2"));
    },
    reset: () => {
      clearStore(localStore());
      history();
      focus(setup.querySelector("[data-action=start]"));
      p.say("Your quiz history is cleared.");
    }
  };

  root.addEventListener("click", e => {
    const b = e.target.closest("button[data-action]");
    if (b && b.type === "button" && actions[b.getAttribute("data-action")]) actions[b.getAttribute("data-action")](b);
  });
  root.addEventListener("submit", e => {
    e.preventDefault();
    if (e.target === setup) {
      const n = parseInt(size.value, 10);
      if (!(n >= 1 && n <= bank.length)) {
        p.say("Choose between 1 and " + bank.length + " questions.");
        focus(size);
        return;
      }
      begin(roundOf(setup.elements.mode.value, n), setup.elements.mode.value);
    } else if (round) finish(e.target);
  });
}
