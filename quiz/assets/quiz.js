/* Partner or Customer? quiz and classifier; no dependencies. A <script> in the content of /quiz/ and
 * /classify/, re-run by Material's instant navigation on each visit: the API is defined once, `init`
 * starts each [data-module] root once (data-module-init). KB text is only ever set as text. */
(function () {
  "use strict";
  var W = window;
  if (!W.PartnerQuiz) W.PartnerQuiz = api();
  W.PartnerQuiz.boot();

  function api() {
    var own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

    /* ---- Rules: a line-for-line port of generator/decision.py ----
       An answer is true (yes), false (no) or null (not sure); a fact absent from the answers is unasked. */
    function matches(rule, facts) {
      return Object.keys(rule.when).every(f => own(facts, f) && facts[f] === rule.when[f]);
    }
    function matchingRules(d, facts) { return d.rules.filter(r => matches(r, facts)); }
    function classify(d, facts) {
      var found = matchingRules(d, facts);
      if (found.length !== 1) throw new Error(found.length + " rules match");
      return found[0];
    }
    function isOpen(answers, f, v) { return !own(answers, f) || answers[f] === null || answers[f] === v; }
    function candidates(d, answers) {
      return d.rules.filter(r => Object.keys(r.when).every(f => isOpen(answers, f, r.when[f])));
    }
    function nextQuestion(d, answers) {
      var left = candidates(d, answers);
      if (left.length <= 1) return null;
      for (var i = 0; i < d.facts.length; i++) {
        var f = d.facts[i].id;
        if (!own(answers, f) && left.some(r => own(r.when, f))) return f;
      }
      return null;
    }
    function path(d, facts) {
      var answers = {}, out = [], f;
      while ((f = nextQuestion(d, answers)) !== null) {
        answers[f] = own(facts, f) ? facts[f] : null;
        out.push([f, answers[f]]);
      }
      return out;
    }
    function splits(rules, f) {
      var outs = v => rules.filter(r => !own(r.when, f) || r.when[f] === v).map(r => r.outcome);
      var a = outs(true), b = outs(false);
      return a.some(o => b.indexOf(o) < 0) || b.some(o => a.indexOf(o) < 0);
    }
    /* The rules and outcomes still possible, and the "not sure" answers to find out (first one first). */
    function verdict(d, answers) {
      var left = candidates(d, answers);
      var outcomes = d.outcomes.map(o => o.id).filter(id => left.some(r => r.outcome === id));
      var findOut = outcomes.length > 1 ? d.facts.map(f => f.id).filter(f => own(answers, f) && answers[f] === null && splits(left, f)) : [];
      return { rules: left, outcomes: outcomes, find_out: findOut,
        outcome: outcomes.length === 1 ? outcomes[0] : null, rule: left.length === 1 ? left[0] : null };
    }
    /* What the tool concludes once nothing more can be asked (null while a question is open). */
    function decide(d, answers) { return nextQuestion(d, answers) === null ? verdict(d, answers) : null; }

    /* ---- Drawing questions ---- */
    function shuffle(list, rnd) {
      var a = list.slice();
      for (var i = a.length - 1; i > 0; i--) {
        var j = Math.floor((rnd || Math.random)() * (i + 1)), t = a[i];
        a[i] = a[j]; a[j] = t;
      }
      return a;
    }
    /* `size` questions: review ids first (as long as every topic can still be covered), then per
       topic up to its minimum (one each first), then at random. Review picks keep their order. */
    function draw(questions, size, config, review, rnd) {
      rnd = rnd || Math.random;
      size = Math.max(1, Math.min(size | 0, questions.length));
      var per = (config && config.per_topic) || {}, picked = [], count = {}, topics = [];
      questions.forEach(q => { if (topics.indexOf(q.topic) < 0) topics.push(q.topic); });
      var want = Math.min(topics.length, size);
      var need = t => Math.max(1, +per[t] | 0);
      var take = q => { picked.push(q); count[q.topic] = (count[q.topic] || 0) + 1; };
      var covered = () => Object.keys(count).length;
      (review || []).forEach(id => {
        var q = questions.find(x => x.id === id);
        if (!q || picked.indexOf(q) >= 0 || picked.length >= size) return;
        if (size - picked.length - 1 >= want - covered() - (count[q.topic] ? 0 : 1)) take(q);
      });
      var first = picked.length, top = Math.max.apply(null, topics.map(need));
      for (var level = 1; level <= top; level++) {
        shuffle(topics, rnd).forEach(t => {
          if (picked.length >= size || (count[t] || 0) >= Math.min(level, need(t))) return;
          var pool = questions.filter(q => q.topic === t && picked.indexOf(q) < 0);
          if (pool.length) take(pool[Math.floor(rnd() * pool.length)]);
        });
      }
      var rest = shuffle(questions.filter(q => picked.indexOf(q) < 0), rnd);
      while (picked.length < size) take(rest.pop());
      return picked.slice(0, first).concat(shuffle(picked.slice(first), rnd));
    }
    function isRight(q, chosen) {
      return chosen.length === q.correct.length && chosen.every(id => q.correct.indexOf(id) >= 0);
    }

    /* ---- Storage: anything unexpected in it is ignored, never trusted ---- */
    var KEY = "partner-or-customer/quiz";
    function readStore(ids) {
      var s = null;
      try { s = JSON.parse(W.localStorage.getItem(KEY)); } catch (e) { s = null; }
      if (!s || typeof s !== "object" || Array.isArray(s)) s = {};
      var history = Array.isArray(s.history) ? s.history.filter(validAttempt) : [];
      var missed = Array.isArray(s.missed) ? s.missed.filter((id, i, a) => typeof id === "string" && (!ids || ids.has(id)) && a.indexOf(id) === i) : [];
      return { history: history.slice(-100), missed: missed };
    }
    function validAttempt(a) {
      return !!a && typeof a === "object" && typeof a.date === "string" && !isNaN(Date.parse(a.date)) &&
        Number.isInteger(a.total) && Number.isInteger(a.correct) && a.total > 0 && a.correct >= 0 &&
        a.correct <= a.total && typeof a.passed === "boolean";
    }
    function writeStore(s) {
      try { W.localStorage.setItem(KEY, JSON.stringify(s)); } catch (e) { /* private mode: no history */ }
    }

    /* ---- Checking loaded data: the files are data, never trusted; a link is only ever a relative
       link inside the site (the same pattern the knowledge base's links must match). ---- */
    var LINK = /^[a-z0-9\/_-]+\/(#[a-z0-9_-]+)?$/, ID = /^[a-z][a-z0-9_-]*$/;
    var str = x => typeof x === "string", obj = x => !!x && typeof x === "object" && !Array.isArray(x);
    var strs = x => Array.isArray(x) && x.every(str);
    function siteLink(x) { return str(x) && LINK.test(x); }
    function validSources(s) {
      return obj(s) && Object.keys(s).every(k => ID.test(k) && obj(s[k]) && str(s[k].title) && str(s[k].byline));
    }
    function validQuestion(q) {
      if (!obj(q) || !str(q.id) || !str(q.topic) || !str(q.prompt) || !str(q.explanation) || !siteLink(q.link)) return false;
      if (!Array.isArray(q.options) || q.options.length < 2 || !q.options.every(o => obj(o) && str(o.id) && str(o.text))) return false;
      if (!strs(q.correct) || !q.correct.length || !q.correct.every(c => q.options.some(o => o.id === c))) return false;
      return (q.sources === undefined || (strs(q.sources) && q.sources.every(s => ID.test(s)))) && (q.facts === undefined || obj(q.facts));
    }
    function validBank(data) {
      return obj(data) && Array.isArray(data.questions) && data.questions.length > 0 && data.questions.every(validQuestion) &&
        (data.config === undefined || obj(data.config)) && validSources(data.sources || {}) &&
        Array.isArray(data.topics) && data.topics.every(t => obj(t) && str(t.id) && str(t.name) && siteLink(t.link));
    }
    function validRules(d) {
      var notes = n => obj(n) && strs(n.signals) && strs(n.special_cases) && strs(n.pitfalls);
      var linked = x => obj(x) && str(x.id) && siteLink(x.link) && (x.sources === undefined || (strs(x.sources) && x.sources.every(s => ID.test(s))));
      return obj(d) && Array.isArray(d.facts) && d.facts.length > 0 && Array.isArray(d.rules) && Array.isArray(d.outcomes) &&
        d.facts.every(f => linked(f) && str(f.question) && str(f.help) && str(f.yes) && str(f.no) && str(f.how_to_find_out)) &&
        d.outcomes.every(o => linked(o) && str(o.name) && str(o.summary) && str(o.next_step) && notes(o.notes) && Array.isArray(o.plays)) &&
        d.rules.every(r => linked(r) && str(r.outcome) && str(r.because) && obj(r.when) && notes(r.notes) &&
          Object.keys(r.when).every(k => typeof r.when[k] === "boolean") && Array.isArray(r.alternatives) &&
          r.alternatives.every(a => obj(a) && str(a.outcome) && str(a.reading) && str(a.source) && ID.test(a.source))) &&
        ["signals", "special_cases", "pitfalls"].every(k => Array.isArray(d[k]) && d[k].every(x => linked(x) && str(x.name))) &&
        validSources(d.sources || {});
    }

    /* ---- Start-up and helpers ---- */
    var modules = { quiz: quiz, classify: tool }, subscribed = false, cache = {};
    function boot() {
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
      else start();
    }
    function start() {
      var doc$ = W.document$;
      if (!subscribed && doc$ && typeof doc$.subscribe === "function") {
        subscribed = true;
        doc$.subscribe(() => init());
      }
      init();
    }
    function init() {
      document.querySelectorAll("[data-module]").forEach(root => {
        var make = modules[root.getAttribute("data-module")];
        if (!make || root.hasAttribute("data-module-init")) return;
        root.setAttribute("data-module-init", "");
        root.hidden = false;
        make(root);
      });
    }
    function load(root) {
      var base = new URL(root.getAttribute("data-root") || "./", W.location.href);
      var url = new URL(root.getAttribute("data-src"), base).href;
      cache[url] = cache[url] || fetch(url).then(r => {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      cache[url].catch(() => delete cache[url]);
      return cache[url].then(data => { return { data: data, base: base }; });
    }
    function h(tag, attrs, kids) {
      var e = document.createElement(tag);
      Object.keys(attrs || {}).forEach(k => {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") e.textContent = v;
        else e.setAttribute(k, v === true ? "" : v);
      });
      (kids || []).forEach(c => { if (c !== null && c !== undefined && c !== false) e.append(c); });
      return e;
    }
    function parts(root) {
      var p = {};
      root.querySelectorAll("[data-part]").forEach(e => p[e.getAttribute("data-part")] = e);
      p.say = text => {
        p.status.textContent = "";
        setTimeout(() => p.status.textContent = text, 50);
      };
      root.addEventListener("click", () => p.status.textContent = "", true);
      return p;
    }
    function pct(x) { return Math.round(x * 100); }
    function label(sources, id) {
      var s = sources[id];
      if (!s) return id;
      var t = String(s.title), work = /^\(.*\)$/.test(t) ? t.slice(1, -1) : "\u201c" + t + "\u201d";
      return (s.byline || (s.author === "unnamed" ? "Unnamed author" : s.author)) + ", " + work;
    }
    /* "Sources: A, “T”; B, “U”" with each source linked to its page in the guide */
    function cite(data, base, ids) {
      var out = [h("span", { class: "pq-src-label", text: ids.length > 1 ? "Sources: " : "Source: " })];
      ids.forEach((id, i) => {
        if (i) out.push("; ");
        out.push(h("a", { href: new URL("sources/" + encodeURIComponent(id) + "/", base).href, text: label(data.sources || {}, id) }));
      });
      return ids.length ? h("span", { class: "pq-src" }, out) : null;
    }
    function button(action, text, main) {
      return h("button", { type: "button", class: "pq-btn" + (main ? " pq-btn--main" : ""), "data-action": action, text: text });
    }
    function date(iso) {
      return new Date(iso).toLocaleDateString(document.documentElement.lang || "en", { day: "numeric", month: "short", year: "numeric" });
    }
    function focus(e) { if (e) { if (!e.hasAttribute("tabindex")) e.setAttribute("tabindex", "-1"); e.focus(); } }

    /* ---- The quiz ---- */
    function quiz(root) {
      var p = parts(root), setup = p.setup, bank = [], byId = {}, data, base, round = null, last = null;
      var size = setup.elements.size;
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
      function store() { return readStore(new Set(bank.map(q => q.id))); }
      function topic(id) {
        return (data.topics || []).find(t => t.id === id) || { id: id, name: id, link: "" };
      }

      function history() {
        var s = store(), box = p.history, n = s.history.length;
        box.textContent = "";
        setup.querySelector("[data-action=reset]").hidden = !n && !s.missed.length;
        box.setAttribute("data-attempts", n);
        if (!n) { box.append(h("p", { text: "No attempts yet in this browser." })); }
        else {
          var best = Math.max.apply(null, s.history.map(a => a.correct / a.total));
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
        var run = p.run, form = h("form", { class: "pq-round", novalidate: true });
        run.textContent = "";
        run.hidden = false;
        list.forEach((q, i) => form.append(question(q, i, list.length, mode)));
        form.append(h("div", { class: "pq-actions" }, [h("button", { type: "submit", class: "pq-btn pq-btn--main", text: mode === "practice" ? "Finish and see my result" : "Submit my answers" })]));
        var title = h("h2", { tabindex: "-1", text: list.length + " question" + (list.length > 1 ? "s" : "") + " — " + mode + " mode" });
        run.append(title, form);
        focus(title);
      }

      function question(q, i, n, mode) {
        var name = "pq-q" + i, shown = q.facts ? q.options : shuffle(q.options);
        var fs = h("fieldset", { class: "pq-q", "data-question-id": q.id, "data-topic": q.topic }, [
          h("legend", {}, [h("span", { class: "pq-n", text: "Question " + (i + 1) + " of " + n })].concat(
            String(q.prompt).split("\n").map(line => { return h("span", { class: "pq-line", text: line }); })))
        ]);
        if (q.multiple) fs.append(h("p", { class: "pq-hint", text: "Select all that apply." }));
        fs.append(h("div", { class: "pq-options" }, shown.map((o, j) => {
          var id = name + "-" + j;
          return h("div", { class: "pq-option" }, [
            h("input", { type: q.multiple ? "checkbox" : "radio", name: name, id: id, value: o.id }),
            h("label", { for: id, text: o.text })]);
        })));
        fs.append(h("fieldset", { class: "pq-sure" }, [h("legend", { text: "How sure are you? (optional)" })].concat(
          ["sure", "unsure"].map(v => {
            var id = name + "-" + v;
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
        var q = byId[fs.getAttribute("data-question-id")], sel = chosen(fs), ok = isRight(q, sel);
        var sure = fs.querySelector(".pq-sure input:checked");
        var fb = fs.querySelector(".pq-feedback"), action = fs.querySelector(".pq-actions");
        if (action) action.remove();
        fs.querySelectorAll("input").forEach(e => e.disabled = true);
        fs.setAttribute("data-result", ok ? "right" : "wrong");
        fs.querySelectorAll(".pq-options .pq-option").forEach(div => {
          var input = div.querySelector("input"), right = q.correct.indexOf(input.value) >= 0;
          var note = right ? (input.checked ? "correct, your answer" : "correct answer") : input.checked ? "your answer" : "";
          if (right) div.classList.add("pq-right");
          if (input.checked) div.classList.add("pq-chosen");
          if (note) div.querySelector("label").append(h("span", { class: "pq-note", text: " — " + note }));
        });
        var answer = q.options.filter(o => q.correct.indexOf(o.id) >= 0).map(o => o.text);
        fb.textContent = "";
        fb.append(
          h("p", { class: "pq-verdict" }, [h("strong", { text: ok ? "\u2714 Correct." : sel.length ? "\u2718 Not quite." : "\u2718 Not answered." }),
            ok ? "" : " The answer " + (answer.length > 1 ? "is all of: " : "is: ") + answer.join("; ").replace(/[^.!?]$/, "$&.")]),
          h("p", { text: q.explanation }),
          h("p", {}, [cite(data, base, q.sources || [])]),
          h("p", {}, [h("a", { class: "pq-more", href: new URL(q.link, base).href, target: "_blank", text: "Read more in the guide" }), " (opens in a new tab)"]));
        fb.hidden = false;
        return (round.marked[q.id] = { q: q, ok: ok, sure: sure && sure.value });
      }

      function check(btn) {
        var fs = btn.closest("fieldset");
        if (!chosen(fs).length) { p.say("Choose an answer first."); focus(fs.querySelector("input")); return; }
        var r = mark(fs);
        focus(fs.querySelector(".pq-feedback"));
        p.say(r.ok ? "Correct." : "Not quite.");
      }

      function finish(form) {
        if (round.done) return;
        var open = Array.from(form.querySelectorAll("fieldset.pq-q")).filter(fs => !fs.hasAttribute("data-result") && !chosen(fs).length);
        if (open.length && !round.warned) {
          round.warned = true;
          p.say(open.length + " not answered: they count as wrong. Submit again to finish anyway.");
          focus(open[0].querySelector("input"));
          return;
        }
        round.done = true;
        var results = Array.from(form.querySelectorAll("fieldset.pq-q"), fs => round.marked[fs.getAttribute("data-question-id")] || mark(fs));
        form.querySelector(":scope > .pq-actions").remove();
        p.run.querySelector("h2").textContent = "Your answers, reviewed";
        result(results);
      }

      function result(results) {
        var right = results.filter(r => r.ok).length, total = results.length;
        var mark = config().pass_mark > 0 ? config().pass_mark : 0.8, passed = right / total >= mark - 1e-9;
        var missed = results.filter(r => !r.ok).map(r => r.q.id);
        var s = store();
        s.history.push({ date: new Date().toISOString(), correct: right, total: total, passed: passed, mode: round.mode });
        s.missed = missed.concat(s.missed.filter(id => missed.indexOf(id) < 0 && !results.some(r => r.ok && r.q.id === id)));
        writeStore(s);
        var best = Math.max.apply(null, s.history.map(a => a.correct / a.total));
        last = { results: results, right: right, total: total, passed: passed, mark: mark, missed: missed, date: new Date(), mode: round.mode };

        var box = p.score, topics = [];
        results.forEach(r => { if (topics.indexOf(r.q.topic) < 0) topics.push(r.q.topic); });
        var order = (data.topics || []).map(t => t.id);
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
            var t = topic(id), mine = results.filter(r => r.q.topic === id);
            var ok = mine.filter(r => r.ok).length;
            return h("li", { "data-topic": id, "data-correct": ok, "data-total": mine.length }, [
              h("a", { href: new URL(t.link, base).href, text: t.name }), ": " + ok + " of " + mine.length +
              (ok < mine.length ? " — worth re-reading" : "")]);
          })));
        var sure = results.filter(r => r.sure === "sure"), unsure = results.filter(r => r.sure === "unsure");
        if (sure.length || unsure.length) {
          var rate = list => list.filter(r => r.ok).length + " of " + list.length;
          var sureRate = sure.length ? sure.filter(r => r.ok).length / sure.length : 1;
          box.append(h("h3", { text: "Confidence" }), h("p", { class: "pq-calibration" }, [
            (sure.length ? "When sure, you were right " + rate(sure) + ". " : "") +
            (unsure.length ? "When unsure, " + rate(unsure) + ". " : "") +
            (sureRate < 0.75 ? "Re-read first what you were sure of and got wrong." : "Your confidence was well placed.")]));
        }
        root.querySelector("[data-action=missed]").hidden = !missed.length;
        p.result.hidden = false;
        focus(root.querySelector("#pq-result-title"));
        p.say("Your score: " + pct(right / total) + " %, " + (passed ? "passed." : "not passed yet."));
      }

      function summary() {
        var esc = t => String(t).replace(/[\\[\]|*_`<>]/g, "\\$&");
        var lines = ["# Partner or Customer? quiz — " + date(last.date.toISOString()), "",
          "Score: " + pct(last.right / last.total) + " % (" + last.right + "/" + last.total + "), " +
          (last.passed ? "passed" : "not passed") + " (pass mark " + pct(last.mark) + " %), " + last.mode + " mode", "",
          "| Topic | Correct |", "| --- | --- |"];
        root.querySelectorAll(".pq-topics li").forEach(li => {
          lines.push("| " + esc(li.querySelector("a").textContent) + " | " + li.getAttribute("data-correct") + "/" + li.getAttribute("data-total") + " |");
        });
        if (last.missed.length) {
          lines.push("", "Missed:");
          last.missed.forEach(id => {
            var text = String(byId[id].prompt).replace(/\s+/g, " ");
            lines.push("- [" + esc(text.length > 120 ? text.slice(0, 117) + "..." : text) + "](" + new URL("quiz/study/#" + encodeURIComponent(id), base).href + ")");
          });
        }
        return lines.join("\n") + "\n";
      }

      function copy() {
        var text = summary(), box = p.copy, area = box.querySelector("textarea");
        var fallback = () => {
          area.value = text;
          box.hidden = false;
          area.focus();
          area.select();
          p.say("Copy the summary from the box below.");
        };
        var clip = W.navigator.clipboard;
        if (clip && clip.writeText) clip.writeText(text).then(() => { box.hidden = true; p.say("Summary copied."); }, fallback);
        else fallback();
      }

      var actions = {
        check: check,
        retake: () => begin(draw(bank, round.list.length, config(), store().missed), round.mode),
        missed: () => begin(shuffle(last.missed.map(id => byId[id])), round.mode),
        copy: copy,
        print: () => W.print(),
        settings: () => {
          p.result.hidden = true; p.run.hidden = true; p.run.textContent = ""; setup.hidden = false;
          history();
          focus(setup.querySelector("h2"));
        },
        reset: () => {
          try { W.localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
          history();
          focus(setup.querySelector("[data-action=start]"));
          p.say("Your quiz history is cleared.");
        }
      };

      root.addEventListener("click", e => {
        var b = e.target.closest("button[data-action]");
        if (b && b.type === "button" && actions[b.getAttribute("data-action")]) actions[b.getAttribute("data-action")](b);
      });
      root.addEventListener("submit", e => {
        e.preventDefault();
        if (e.target === setup) {
          var n = parseInt(size.value, 10);
          if (!(n >= 1 && n <= bank.length)) {
            p.say("Choose between 1 and " + bank.length + " questions.");
            focus(size);
            return;
          }
          begin(draw(bank, n, config(), store().missed), setup.elements.mode.value);
        } else if (round) finish(e.target);
      });
    }

    /* ---- The classifier ----
       The answers live in the URL (?a=…, one letter per fact in question order: y, n, u for "not sure",
       - for not asked; ?d=… holds earlier parties of the same deal, separated by "."), so a result can be
       bookmarked, sent to a colleague and restored by opening the link. */
    var CODE = { "true": "y", "false": "n", "null": "u" };
    function encode(d, answers) {
      return d.facts.map(f => own(answers, f.id) ? CODE[String(answers[f.id])] : "-").join("");
    }
    /* Answers from a code, replayed in asking order: only what the tool would have asked is kept. */
    function decode(d, code) {
      var answers = {}, f;
      if (!str(code) || code.length !== d.facts.length || !/^[ynu-]*$/.test(code)) return answers;
      while ((f = nextQuestion(d, answers)) !== null) {
        var c = code.charAt(d.facts.findIndex(x => x.id === f));
        if (c === "-") break;
        answers[f] = c === "y" ? true : c === "n" ? false : null;
      }
      return answers;
    }
    function tool(root) {
      var p = parts(root), step = p.step, d, base, order = [], parties = [];
      load(root).then(got => {
        d = got.data; base = got.base;
        if (!validRules(d)) throw new Error("bad rules");
        restore();
        var first = render();
        if (order.length || parties.length) focus(first);  /* a restored result; a fresh page keeps its focus */
      }).catch(() => p.say("The decision rules could not be loaded. Reload the page, or use the flowchart in the decision guide."));

      var fact = id => d.facts.find(f => f.id === id);
      var outcome = id => { return d.outcomes.find(o => o.id === id) || { id: id, name: id, sources: [] }; };
      var shown = v => v === true ? "Yes." : v === false ? "No." : "Not sure.";
      function answers() { var a = {}; order.forEach(x => a[x[0]] = x[1]); return a; }
      function restore() {
        var q = new URLSearchParams(W.location.search), a = decode(d, q.get("a"));
        order = Object.keys(a).map(f => [f, a[f]]);
        parties = (q.get("d") || "").split(".").filter(c => c.length === d.facts.length && /^[ynu-]+$/.test(c)).slice(0, 20);
      }
      function url(code, deal) {
        var q = new URLSearchParams(W.location.search);
        q.delete("a"); q.delete("d");
        if (deal.length) q.set("d", deal.join("."));
        if (code && code.replace(/-/g, "")) q.set("a", code);
        var s = q.toString();
        return W.location.pathname + (s ? "?" + s : "") + W.location.hash;
      }
      function remember() {
        try { W.history.replaceState(W.history.state, "", url(encode(d, answers()), parties)); } catch (e) { /* file: URLs */ }
      }
      function trail() {
        return h("ol", { class: "pq-path" }, order.map(x => {
          var f = fact(x[0]);
          return h("li", { "data-fact": f.id, "data-answer": x[1] === true ? "yes" : x[1] === false ? "no" : "unknown" }, [
            h("span", { text: f.question + " " }), h("strong", { text: shown(x[1]) }), " ",
            x[1] === false && f.if_no ? h("span", { text: f.if_no + " " }) : null,
            x[1] === null ? h("span", { class: "pq-find", text: "To find out: " + f.how_to_find_out + " " }) : null,
            cite(d, base, f.sources || [])]);
        }));
      }
      function controls(main) {
        return h("div", { class: "pq-actions" }, [main,
          order.length ? button("back", "Back") : null,
          order.length ? button("restart", "Start over") : null]);
      }
      function name(code) {
        var v = verdict(d, decode(d, code));
        return v.outcome ? outcome(v.outcome).name : "not decided yet";
      }
      function dealList() {
        if (!parties.length) return null;
        return h("div", { class: "pq-deal" }, [h("h3", { text: "Other parties of this deal" }),
          h("ol", { class: "pq-parties" }, parties.map((code, i) => {
            var others = parties.filter((c, j) => j !== i), mine = encode(d, answers());
            if (mine.replace(/-/g, "")) others.push(mine);
            return h("li", { "data-code": code }, [h("a", { href: url(code, others), text: "Party " + (i + 1) }),
              ": " + name(code)]);
          }))]);
      }
      function noteList(v) {
        var ids = { signals: [], special_cases: [], pitfalls: [] };
        v.rules.concat(v.outcomes.map(outcome)).forEach(x => Object.keys(ids).forEach(k => {
          ((x.notes || {})[k] || []).forEach(id => { if (ids[k].indexOf(id) < 0) ids[k].push(id); });
        }));
        var items = [];
        [["signals", "Signal"], ["special_cases", "Special case"], ["pitfalls", "Pitfall"]].forEach(kv => {
          ids[kv[0]].forEach(id => {
            var x = d[kv[0]].find(y => y.id === id);
            if (!x) return;
            items.push(h("li", { "data-note": kv[0], "data-id": id }, [h("strong", { text: kv[1] + ": " }),
              h("a", { href: new URL(x.link, base).href, text: x.name }), " — " + (x.text || x.description || "") + " ",
              cite(d, base, x.sources || [])]));
          });
        });
        return items.length ? [h("h3", { text: "Also consider" }), h("ul", { class: "pq-notes" }, items)] : [];
      }

      function render(previous) {
        var a = answers(), next = nextQuestion(d, a), out = p.result;
        step.textContent = ""; out.textContent = "";
        out.removeAttribute("data-outcome"); out.removeAttribute("data-rule"); out.removeAttribute("data-find-out");
        remember();
        if (next !== null) {
          var f = fact(next), k = order.length + 1, title = h("h2", { class: "pq-step-title", tabindex: "-1", text: "Question " + k });
          out.hidden = true; step.hidden = false;
          var choices = [["yes", "Yes", " — for example: " + f.yes], ["no", "No", " — for example: " + f.no],
            ["unknown", "Not sure", " — to find out: " + f.how_to_find_out]];
          step.append(title, h("fieldset", { class: "pq-q", "data-question-id": f.id }, [
            h("legend", {}, [h("span", { class: "pq-line", text: f.question })]),
            h("p", { class: "pq-help" }, [f.help + " ", h("a", { href: new URL(f.link, base).href, text: "More in the guide" }), " ", cite(d, base, f.sources || [])]),
            h("div", { class: "pq-options" }, choices.map(o => {
              var id = "pq-fact-" + o[0];
              return h("div", { class: "pq-option" }, [
                h("input", { type: "radio", name: "answer", id: id, value: o[0], checked: previous === o[0] }),
                h("label", { for: id }, [h("strong", { text: o[1] }), h("span", { class: "pq-eg", text: o[2] })])]);
            }))]), controls(h("button", { type: "submit", class: "pq-btn pq-btn--main", text: "Next" })));
          if (order.length) step.append(h("h3", { text: "Your answers so far" }), trail());
          var list = dealList();
          if (list) step.append(list);
          return title;
        }
        var v = verdict(d, a), title2;
        step.hidden = true; out.hidden = false;
        if (!v.outcomes.length) { out.append(h("p", { text: "No rule decides this case — please report it." })); return out; }
        out.setAttribute("data-outcome", v.outcome || "undecided");
        if (v.rule) out.setAttribute("data-rule", v.rule.id);
        if (v.outcome) {
          var o = outcome(v.outcome);
          title2 = h("h2", { tabindex: "-1" }, ["Outcome: ", h("span", { text: o.name })]);
          out.append(title2, h("p", { class: "pq-summary" }, [o.summary + " ", cite(d, base, o.sources || [])]),
            h("h3", { text: "Why" }));
          v.rules.forEach(rule => out.append(h("p", { class: "pq-because" }, [rule.because + " ", cite(d, base, rule.sources || []), " ",
            h("a", { href: new URL(rule.link, base).href, text: "Rule \u201c" + rule.id + "\u201d in the decision guide" })])));
        } else {
          var first = fact(v.find_out[0]);
          out.setAttribute("data-find-out", first.id);
          title2 = h("h2", { tabindex: "-1", text: "Not decided yet" });
          out.append(title2, h("p", { class: "pq-possible" }, ["Still possible: "].concat(v.outcomes.map((id, i) => {
            return [i ? ", " : "", h("a", { href: new URL(outcome(id).link, base).href, "data-outcome": id, text: outcome(id).name })];
          }).flat(), ["."])),
            h("h3", { text: "Find out first" }),
            h("p", { class: "pq-find-out" }, [h("strong", { text: first.question + " " }), first.how_to_find_out + " ",
              h("a", { href: new URL(first.link, base).href, text: "More in the guide" })]),
            h("p", { text: "When you know, go back to that question and answer it." }));
        }
        out.append(h("h3", { text: "How you got here" }), trail());
        if (v.outcome) {
          var oc = outcome(v.outcome);
          out.append(h("h3", { text: "What to do next" }), h("p", { class: "pq-next" }, [oc.next_step,
            oc.next_step_synthesis ? h("span", { class: "pq-synthesis", text: " (the guide's synthesis)" }) : null]),
            h("ul", { class: "pq-plays" }, (oc.plays || []).map(pl => {
              return h("li", {}, [h("strong", { text: pl.aspect_name + ": " }), pl.text + " ",
                cite(d, base, pl.sources || []), pl.synthesis ? h("span", { class: "pq-synthesis", text: " (the guide's synthesis)" }) : null]);
            })));
        }
        noteList(v).forEach(e => out.append(e));
        var alts = v.rule ? v.rule.alternatives || [] : [];
        if (alts.length) {
          out.append(h("h3", { text: "Other readings" }), h("ul", { class: "pq-alternatives" }, alts.map(alt => {
            return h("li", { "data-outcome": alt.outcome, "data-source": alt.source }, [
              "According to ", h("a", { href: new URL("sources/" + encodeURIComponent(alt.source) + "/", base).href, text: label(d.sources || {}, alt.source) }),
              ", it is ", h("strong", { text: outcome(alt.outcome).name }), ": " + alt.reading]);
          })));
        }
        var list2 = dealList();
        if (list2) out.append(list2);
        out.append(h("p", { class: "pq-share" }, ["The address of this page now holds your answers: bookmark it or send it to a colleague to come back to this result."]));
        out.append(controls(button("party", "Classify another party of this deal")));
        return title2;
      }

      function show(previous, message) {
        focus(render(previous));
        p.say(message);
      }
      root.addEventListener("submit", e => {
        e.preventDefault();
        var picked = step.querySelector("input:checked"), fs = step.querySelector("fieldset");
        if (!picked) { p.say("Choose yes, no or not sure first."); focus(step.querySelector("input")); return; }
        order.push([fs.getAttribute("data-question-id"), picked.value === "yes" ? true : picked.value === "no" ? false : null]);
        var done = decide(d, answers());
        /* A result is announced by moving focus to its heading, not repeated in the status line. */
        show(null, done ? "" : "Question " + (order.length + 1));
      });
      root.addEventListener("click", e => {
        var b = e.target.closest("button[data-action]"), act = b && b.getAttribute("data-action");
        if (act === "back" && order.length) {
          var x = order.pop();
          show(x[1] === true ? "yes" : x[1] === false ? "no" : "unknown", "Back to question " + (order.length + 1));
        }
        if (act === "restart") { order = []; show(null, "Started over: question 1"); }
        if (act === "party") {
          parties.push(encode(d, answers()));
          order = [];
          show(null, "Party " + (parties.length + 1) + " of this deal: question 1");
        }
      });
    }

    return {
      matches: matches, matchingRules: matchingRules, classify: classify, candidates: candidates,
      nextQuestion: nextQuestion, path: path, decide: decide, verdict: verdict, encode: encode, decode: decode,
      validBank: validBank, validRules: validRules, draw: draw, shuffle: shuffle, isRight: isRight,
      readStore: readStore, key: KEY, init: init, boot: boot
    };
  }
})();
