// page.js: the page of 'rasoat serve'. It sends the chosen file to POST /v1/classify (the
// CLI's classification, byte for byte), groups the results by village, asks POST
// /v1/explain for the household clicked, and POST /v1/report for the workbook. The words
// of the transitions come from the rule set (GET /v1/rules/{id}), not from this file.
"use strict";

(function () {
  var KEEP = "head_name,ethnicity,livelihood,members,poverty_causes,meritorious,no_labour_capacity,female_head";
  var CLASSES = {
    poor: {vi: "Hộ nghèo", en: "Poor"},
    near_poor: {vi: "Hộ cận nghèo", en: "Near-poor"},
    middle_income: {vi: "Hộ có mức sống trung bình", en: "Middle income"},
    not_poor: {vi: "Không nghèo", en: "Not poor"}
  };
  var lang = "vi";
  var state = {file: null, body: null, type: null, results: "", records: [], transitions: {}};
  var $ = function (id) { return document.getElementById(id); };

  // The token, when the server asks for one: http://ADDRESS/#token=TOKEN.
  function headers(type) {
    var h = {};
    var m = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
    if (type) h["Content-Type"] = type;
    if (m) h["Authorization"] = "Bearer " + decodeURIComponent(m[1]);
    return h;
  }

  function say(el, vi, en, isError) {
    el.textContent = lang === "en" ? en : vi;
    el.className = isError ? "error" : "";
  }

  // The message of an error answer {"error": {"code", "message"}}.
  function failure(resp) {
    return resp.text().then(function (t) {
      try { return JSON.parse(t).error.message; } catch (e) { return resp.status + " " + t; }
    });
  }

  function setLang(l) {
    lang = l;
    document.documentElement.lang = l;
    document.querySelectorAll("[data-vi]").forEach(function (el) {
      el.textContent = el.getAttribute("data-" + l);
    });
    if (state.body !== null) classify();   // messages and error records in the new language
  }

  function typeOf(name) {
    if (/\.csv$/i.test(name)) return "text/csv";
    if (/\.json$/i.test(name)) return "application/json";
    return "application/x-ndjson";
  }

  function classify() {
    say($("status"), "Đang phân loại…", "Classifying…");
    return fetch("/v1/classify?lang=" + lang + "&keep=" + KEEP,
                 {method: "POST", headers: headers(state.type), body: state.body})
      .then(function (resp) {
        if (!resp.ok) return failure(resp).then(function (m) { throw new Error(m); });
        return resp.text();
      })
      .then(function (text) {
        state.results = text;
        state.records = text.split("\n").filter(function (l) { return l.length > 0; }).map(JSON.parse);
        return loadTransitions();
      })
      .then(show)
      .catch(function (e) { say($("status"), "Lỗi: " + e.message, "Error: " + e.message, true); });
  }

  // The words of each transition, from the rule sets the results name.
  function loadTransitions() {
    var ids = {};
    state.records.forEach(function (r) { if (r.ruleset && r.ruleset.id) ids[r.ruleset.id] = true; });
    return Promise.all(Object.keys(ids).map(function (id) {
      if (state.transitions[id]) return null;
      return fetch("/v1/rules/" + id.split("/").map(encodeURIComponent).join("/"), {headers: headers()})
        .then(function (resp) { return resp.ok ? resp.json() : null; })
        .then(function (set) {
          var words = {};
          ((set && set.transitions) || []).forEach(function (t) { words[t.code] = t.label; });
          state.transitions[id] = words;
        });
    }));
  }

  function classLabel(r) {
    if (!r["class"]) return lang === "en" ? "Cannot be classified" : "Không phân loại được";
    var c = CLASSES[r["class"]];
    return c ? c[lang] : r["class"];
  }

  function transitionLabel(r) {
    if (!r.transition) return "";
    var words = r.ruleset && state.transitions[r.ruleset.id];
    var w = words && words[r.transition];
    return w ? (w[lang] || w.vi) : r.transition;
  }

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }

  function show() {
    var tbody = $("households").querySelector("tbody");
    var byVillage = {}, order = [], counts = {}, errors = 0;
    tbody.textContent = "";
    state.records.forEach(function (r) {
      var v = r.village || (r.error ? "" : "—");
      if (!(v in byVillage)) { byVillage[v] = []; order.push(v); }
      byVillage[v].push(r);
      if (r["class"]) counts[r["class"]] = (counts[r["class"]] || 0) + 1; else errors++;
    });
    order.sort(function (a, b) { return a.localeCompare(b, "vi", {numeric: true}); });
    order.forEach(function (v) {
      var head = document.createElement("tr"), th = document.createElement("th");
      head.className = "village";
      th.colSpan = 4;
      th.textContent = (v || (lang === "en" ? "(records with errors)" : "(bản ghi lỗi)")) + " — " +
        byVillage[v].length + (lang === "en" ? " households" : " hộ");
      head.appendChild(th);
      tbody.appendChild(head);
      byVillage[v].forEach(function (r) {
        var tr = document.createElement("tr");
        tr.className = "household";
        tr.setAttribute("data-id", r.id || "");
        cell(tr, r.id || (r.error && r.error.line ? "#" + r.error.line : ""));
        cell(tr, r.head_name || "");
        cell(tr, r["class"] ? classLabel(r) : classLabel(r) + ": " + ((r.error && r.error.message) || ""),
             "class-" + (r["class"] || "error")).setAttribute("data-class", r["class"] || "error");
        cell(tr, transitionLabel(r)).setAttribute("data-transition", r.transition || "");
        if (r.id && r["class"]) tr.addEventListener("click", function () { explain(r.id, tr); });
        tbody.appendChild(tr);
      });
    });
    $("counts").textContent = Object.keys(CLASSES).map(function (c) {
      return CLASSES[c][lang] + ": " + (counts[c] || 0);
    }).join(" · ") + (errors ? " · " + (lang === "en" ? "errors: " : "lỗi: ") + errors : "");
    $("summary").hidden = false;
    say($("status"), state.records.length + " hộ trong tệp " + state.file.name,
        state.records.length + " households in " + state.file.name);
  }

  function explain(id, tr) {
    document.querySelectorAll("tr.selected").forEach(function (x) { x.classList.remove("selected"); });
    tr.classList.add("selected");
    $("explain").hidden = false;
    $("explain-id").textContent = id;
    $("explain-text").textContent = "…";
    fetch("/v1/explain?lang=" + lang + "&id=" + encodeURIComponent(id),
          {method: "POST", headers: headers(state.type), body: state.body})
      .then(function (resp) {
        if (!resp.ok) return failure(resp).then(function (m) { throw new Error(m); });
        return resp.text();
      })
      .then(function (text) { $("explain-text").textContent = text; })
      .catch(function (e) { $("explain-text").textContent = e.message; });
    $("explain").scrollIntoView();
  }

  function download() {
    say($("download-status"), "Đang lập sổ báo cáo…", "Making the workbook…");
    fetch("/v1/report?format=xlsx&lang=" + lang,
          {method: "POST", headers: headers("application/x-ndjson"), body: state.results})
      .then(function (resp) {
        if (!resp.ok) return failure(resp).then(function (m) { throw new Error(m); });
        return resp.blob();
      })
      .then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = (state.file.name.replace(/\.[^.]*$/, "") || "rasoat") + (lang === "en" ? "-report.xlsx" : "-bao-cao.xlsx");
        document.body.appendChild(a);
        a.click();
        a.remove();
        say($("download-status"), "Đã tải: " + a.download, "Downloaded: " + a.download);
      })
      .catch(function (e) { say($("download-status"), "Lỗi: " + e.message, "Error: " + e.message, true); });
  }

  $("file").addEventListener("change", function () {
    var f = this.files[0];
    if (!f) return;
    state.file = f;
    state.type = typeOf(f.name);
    $("explain").hidden = true;
    f.arrayBuffer().then(function (buf) { state.body = buf; classify(); });
  });
  $("lang").addEventListener("click", function () { setLang(lang === "vi" ? "en" : "vi"); });
  $("download").addEventListener("click", download);
  $("explain-close").addEventListener("click", function () { $("explain").hidden = true; });
})();
