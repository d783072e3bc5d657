-- stdlib/explain.lua: why one household was classified so, provision by provision: the
-- rule set chosen and why, every provision tried in order with the values it read, its
-- citation and status, the margins to each threshold, and the smallest change of each fact
-- that would change the class. 'explain' builds the explanation as data (schema
-- "rasoat.explain/1", docs/explain.md); 'render' words it in Vietnamese or English.

local host, loaded = ...
local classify, describe = loaded.classify, loaded.describe

local M = {}

M.SCHEMA = "rasoat.explain/1"

-- Lists are marked so the C side writes them as JSON arrays even when empty.
local ARRAY = host.array_mt()
local function list() return setmetatable({}, ARRAY) end
local function push(l, v) l[#l + 1] = v return l end

-- {==================================================================
-- Building the explanation
-- ==================================================================}

local function ruleset_info(rs)
  return {
    id = rs.id, version = rs.version, sha256 = rs.sha256, jurisdiction = rs.jurisdiction,
    from = rs.from, to = rs.to, title = { vi = rs.title.vi, en = rs.title.en },
    legal_basis = setmetatable({ table.unpack(rs.legal_basis) }, ARRAY),
  }
end

local function provision_info(p)
  local info = {
    provision = p.name, citation = p.citation, status = p.status, file = p.file,
    line = p.line, basis = p.basis,
    when = { vi = describe.condition_text(p.when, "vi"), en = describe.condition_text(p.when, "en") },
  }
  if p.class then info.class = p.class else info.undetermined = p.undetermined end
  return info
end

-- The outcome 'p' gives: its class, or "undetermined:<gap>".
local function outcome_of(p)
  return p.class or ("undetermined:" .. p.undetermined)
end

-- The facts a condition compares, as the facts to vary: income_year varies income, and b2
-- varies the number of deprived indicators.
local VARIED = { b1 = "b1", income = "income", income_year = "income", b2 = "deprived",
                 deprived = "deprived" }

-- Candidate values of fact 'f' around every threshold of 'rs' it meets, for 'h'.
local function candidates(rs, h, f, points)
  local values, seen = {}, {}
  local function add(v)
    if v >= 0 and not seen[v] then seen[v] = true values[#values + 1] = v end
  end
  local function walk(c)
    if type(c) ~= "table" then return end
    for _, part in ipairs(c.parts or {}) do walk(part) end
    if c.param and VARIED[c.fact] == f then
      local t = classify.threshold(c, h, rs.values)
      if c.fact == "income_year" then t = t // 12 end
      if c.fact == "b2" then t = points and t // points or t end
      for d = -1, 1 do add(t + d) end
      if c.fact == "income_year" or c.fact == "b2" then add(t + 2) end
    end
  end
  for _, p in ipairs(rs.provisions) do walk(p.when) end
  if f == "deprived" then
    for n = 0, #rs.indicator_list do add(n) end
  end
  return values
end

-- The smallest change of each varied fact that changes the outcome, by re-deciding the
-- household with that one fact changed. Returns a list of {fact, from, to, delta, class,
-- provision}.
local function smallest_changes(rs, view, h, decided, deprived)
  local changes = list()
  local current = { b1 = h.b1, income = h.income, deprived = deprived and #deprived or nil }
  for _, f in ipairs({ "b1", "income", "deprived" }) do
    local from = current[f]
    if from ~= nil then
      local values = candidates(rs, h, f, rs.b2_points)
      table.sort(values, function(a, b)
        local da, db = math.abs(a - from), math.abs(b - from)
        if da ~= db then return da < db end
        return a < b
      end)
      for _, v in ipairs(values) do
        if v ~= from then
          local h2 = classify.household(rs, view, h.area, h.size,
                                        f == "b1" and v or h.b1, f == "income" and v or h.income,
                                        h.date,
                                        f == "deprived" and v or (deprived and #deprived or nil))
          local ok, p = pcall(classify.decide, rs, h2)
          if ok and outcome_of(p) ~= outcome_of(decided) then
            push(changes, { fact = f, from = from, to = v, delta = v - from,
                            class = p.class, undetermined = p.undetermined, provision = p.name })
            break
          end
        end
      end
    end
  end
  return changes
end

-- Explain 'rs' for one household (the arguments of classify.evaluate). Raises the same
-- errors classification would (a needed indicator unanswered, a rule error).
function M.explain(rs, view, area, size, b1, income, date)
  local h = classify.household(rs, view, area, size, b1, income, date)
  local ex = { ruleset = ruleset_info(rs), applies = classify.applies(rs, h) }
  ex.facts = { area = area, size = size, b1 = b1, income = income }
  if not ex.applies then return ex end

  local steps = {}
  local decided = classify.decide(rs, h, steps)
  ex.steps = list()
  ex.margins = list()
  local seen = {}
  for _, s in ipairs(steps) do
    local step = provision_info(s.provision)
    step.holds = s.holds
    step.tests = setmetatable(s.tests or {}, ARRAY)
    for _, t in ipairs(step.tests) do
      if t.threshold then
        t.margin = t.value and (t.value - t.threshold) or nil
        local key = t.fact .. " " .. t.param
        if t.value and not seen[key] then
          seen[key] = true
          push(ex.margins, { fact = t.fact, value = t.value, param = t.param,
                             threshold = t.threshold, area = t.area, margin = t.margin })
        end
      end
    end
    push(ex.steps, step)
  end
  ex.decision = provision_info(decided)

  if decided.undetermined then
    local gap = rs.gap_by_name[decided.undetermined]
    ex.decision.gap = { name = gap.name, vi = gap.vi, en = gap.en, citation = gap.citation }
    return ex
  end
  local deprived, warnings = classify.outcome(rs, h, decided)
  if deprived then
    ex.deprived = setmetatable({ table.unpack(deprived) }, ARRAY)
    ex.deprived_labels = list()
    for _, code in ipairs(deprived) do
      local label = rs.indicators[code].label
      push(ex.deprived_labels, { code = code, vi = label.vi, en = label.en })
    end
    ex.facts.deprived = #deprived
    ex.facts.b2 = rs.b2_points and #deprived * rs.b2_points or nil
  end
  ex.changes = smallest_changes(rs, view, h, decided, deprived)
  ex.warnings = list()
  for _, w in ipairs(warnings or {}) do
    push(ex.warnings, { code = w.kind, field = w.field, message = w.message or {
      vi = host.message("vi", w.key, w.args), en = host.message("en", w.key, w.args) } })
  end
  return ex
end

-- A structured error as explanation data: {code, field, message = {vi, en}}.
local function error_info(e)
  local err = host.error_fields(e)
  if not err then -- a rule's own error: its text, never its claims
    local text = type(e) == "string" and e or ("error value of type " .. type(e))
    return { code = "rule", message = { vi = text, en = text } }
  end
  if err.kind == "definition" then
    local vi = host.message("vi", err.key, err.args)
    local en = host.message("en", err.key, err.args)
    local at = err.file and ("%s:%d: "):format(err.file, err.line or 0) or ""
    return { code = "definition", message = { vi = at .. vi, en = at .. en } }
  end
  return { code = err.kind, field = err.field, message = type(err.message) == "table"
           and err.message or { vi = host.message("vi", err.key, err.args),
                                en = host.message("en", err.key, err.args) } }
end

-- The whole explanation of one household: the national rule set 'rs' (chosen as
-- 'selection' says: {forced =, as_of =}), each local standard in 'locals' in force for
-- it, 'record' ({id, survey_date, province, area, size}) and the facts. A failure of the
-- national explanation is raised, as classification would; a local one is reported in
-- its entry. Returns the text in 'lang', or the data when 'format' is "json".
function M.run(rs, locals, record, selection, view, b1, income, format, lang)
  local area, size = record.area, record.size
  local date = record.survey_date
  local national = M.explain(rs, view, area, size, b1, income, date)
  local entries = list()
  for _, l in ipairs(locals) do
    local ok, ex = pcall(M.explain, l, view, area, size, b1, income, date)
    push(entries, ok and ex or { ruleset = ruleset_info(l), error = error_info(ex) })
  end
  local doc = { schema = M.SCHEMA, household = record, selection = selection,
                national = national, ["local"] = entries }
  if format == "json" then return doc end
  return M.render(doc, lang)
end

-- {==================================================================
-- Wording
-- ==================================================================}

local W = {
  vi = {
    household = "Hộ %s — ngày rà soát %s%s, %s, %d người",
    province = ", tỉnh %s",
    rural = "nông thôn", urban = "thành thị",
    chosen_date = "Bộ quy tắc: %s (phiên bản %s), chuẩn quốc gia có hiệu lực từ %s đến %s; được chọn vì ngày rà soát %s nằm trong thời gian hiệu lực.",
    chosen_forced = "Bộ quy tắc: %s (phiên bản %s), do người dùng chỉ định (--ruleset); thời gian hiệu lực %s đến %s.",
    as_of = " (ngày --as-of)",
    sha = "  Mã băm nội dung (SHA-256): %s",
    basis = "  Căn cứ pháp lý: %s",
    facts = "Dữ kiện đọc được: %s",
    steps = "Các quy định, xét theo thứ tự (quy định đầu tiên thỏa mãn quyết định):",
    step = "  %d. %s → %s [%s]: %s",
    yes = "THỎA MÃN", no = "không thỏa mãn",
    cite = "     Căn cứ: %s (%s:%d)",
    cond = "     Điều kiện: %s",
    test = "     - %s",
    decision = "Kết luận: %s, theo quy định %s.",
    undetermined = "Kết luận: chưa xác định được hạng theo bộ quy tắc này (quy định %s). Nội dung chưa xác minh '%s': %s",
    margins = "Khoảng cách tới các ngưỡng:",
    changes = "Thay đổi nhỏ nhất làm đổi kết quả:",
    no_change = "  (không có thay đổi một dữ kiện nào làm đổi kết quả)",
    warnings = "Cảnh báo:",
    locals = "Chuẩn riêng của địa phương:",
    not_applies = "  %s: không áp dụng cho hộ này.",
    none = "không có",
    deprived_list = "số chỉ số thiếu hụt = %d (%s)",
    chosen_local = "Bộ quy tắc: %s (phiên bản %s) — %s. Áp dụng vì hộ thuộc tỉnh %s và ngày rà soát %s nằm trong thời gian hiệu lực %s đến %s.",
    classes = { poor = "hộ nghèo", near_poor = "hộ cận nghèo",
                middle_income = "hộ có mức sống trung bình", not_poor = "không thuộc hộ nghèo, cận nghèo, mức sống trung bình" },
    facts_names = { b1 = "điểm B1", income = "thu nhập bình quân/người/tháng", b2 = "điểm B2",
                    deprived = "số chỉ số thiếu hụt", income_year = "thu nhập bình quân/người/năm", size = "số người" },
    units = { b1 = "điểm", b2 = "điểm", income = "đồng", income_year = "đồng", deprived = "chỉ số", size = "người" },
    under = "thấp hơn %s %s so với", over = "cao hơn %s %s so với", at = "đúng bằng",
    margin = "  - %s = %s: %s %s%s = %s",
    test_line = "%s = %s %s %s%s = %s: %s",
    test_missing = "%s: không có trong hồ sơ → không thỏa mãn",
    has = "%s có trong hồ sơ: %s", lacks = "%s không có trong hồ sơ: %s",
    area_is = "khu vực là %s: %s",
    dated_before = "ngày rà soát %s trước %s: %s", dated_from = "ngày rà soát %s từ %s trở đi: %s",
    truth = { [true] = "đúng", [false] = "sai" },
    change = "  - %s %s → %s (%s%s %s): %s, theo quy định %s",
    undetermined_short = "chưa xác định được (nội dung chưa xác minh '%s')",
    area_of = " (%s)",
  },
  en = {
    household = "Household %s — surveyed %s%s, %s, %d people",
    province = ", province %s",
    rural = "rural", urban = "urban",
    chosen_date = "Rule set: %s (version %s), the national standard in force from %s to %s; chosen because the survey date %s falls in that period.",
    chosen_forced = "Rule set: %s (version %s), forced by the user (--ruleset); in force %s to %s.",
    as_of = " (--as-of)",
    sha = "  Content hash (SHA-256): %s",
    basis = "  Legal basis: %s",
    facts = "Facts read: %s",
    steps = "Provisions, tried in order (the first that holds decides):",
    step = "  %d. %s → %s [%s]: %s",
    yes = "HOLDS", no = "does not hold",
    cite = "     Citation: %s (%s:%d)",
    cond = "     Condition: %s",
    test = "     - %s",
    decision = "Decision: %s, by provision %s.",
    undetermined = "Decision: no class under this rule set (provision %s). Gap '%s': %s",
    margins = "Margins to the thresholds:",
    changes = "Smallest change that would change the outcome:",
    no_change = "  (no change of a single fact changes the outcome)",
    warnings = "Warnings:",
    locals = "Local standards:",
    not_applies = "  %s: does not apply to this household.",
    none = "none",
    deprived_list = "deprived indicators = %d (%s)",
    chosen_local = "Rule set: %s (version %s) — %s. Applies because the household is in province %s and the survey date %s falls in its period %s to %s.",
    classes = { poor = "poor household", near_poor = "near-poor household",
                middle_income = "middle-income household",
                not_poor = "not poor, near-poor or middle income" },
    facts_names = { b1 = "B1 score", income = "income per person per month", b2 = "B2 score",
                    deprived = "deprived indicators", income_year = "income per person per year", size = "household size" },
    units = { b1 = "points", b2 = "points", income = "VND", income_year = "VND", deprived = "indicators", size = "people" },
    under = "%s %s under", over = "%s %s over", at = "exactly at",
    margin = "  - %s = %s: %s %s%s = %s",
    test_line = "%s = %s %s %s%s = %s: %s",
    test_missing = "%s: not in the record → does not hold",
    has = "%s in the record: %s", lacks = "%s not in the record: %s",
    area_is = "area is %s: %s",
    dated_before = "survey date %s before %s: %s", dated_from = "survey date %s on or after %s: %s",
    truth = { [true] = "true", [false] = "false" },
    change = "  - %s %s → %s (%s%s %s): %s, by provision %s",
    undetermined_short = "undetermined (gap '%s')",
    area_of = " (%s)",
  },
}

local OPS = { at_most = "≤", at_least = "≥", above = ">", below = "<" }

local function number(n, lang)
  if math.type(n) ~= "integer" then return tostring(n) end
  local s, sep = tostring(math.abs(n)), lang == "en" and "," or "."
  local out = ""
  while #s > 3 do out = sep .. s:sub(-3) .. out s = s:sub(1, -4) end
  return (n < 0 and "-" or "") .. s .. out
end

local function class_text(w, class) return ("%s (%s)"):format(w.classes[class], class) end

local function test_text(t, w, lang)
  local name = w.facts_names[t.fact] or t.fact
  if t.op == "area_is" then return w.area_is:format(w[t.area], w.truth[t.holds]) end
  if t.date then return w[t.op]:format(t.value, t.date, w.truth[t.holds]) end
  if t.op == "has" then return w.has:format(name, w.truth[t.holds]) end
  if t.op == "lacks" then return w.lacks:format(name, w.truth[t.holds]) end
  if t.value == nil then return w.test_missing:format(name) end
  local area = (t.param and t.area) and w.area_of:format(w[t.area]) or ""
  return w.test_line:format(name, number(t.value, lang), OPS[t.op], t.param, area,
                            number(t.threshold, lang), w.truth[t.holds])
end

local function render_ruleset(out, ex, selection, w, lang, record)
  local add = function(fmt, ...) out[#out + 1] = fmt:format(...) end
  local r = ex.ruleset
  if selection then
    if selection.forced then
      add(w.chosen_forced, r.id, r.version, r.from, r.to)
    else
      add(w.chosen_date, r.id, r.version, r.from, r.to,
          record.survey_date .. (selection.as_of and w.as_of or ""))
    end
  else
    add(w.chosen_local, r.id, r.version, r.title[lang], r.jurisdiction, record.survey_date,
        r.from, r.to)
  end
  add(w.sha, r.sha256 or "?")
  add(w.basis, table.concat(r.legal_basis, "; "))

  local facts = {}
  local f = ex.facts
  if f.b1 then facts[#facts + 1] = ("B1 = %s"):format(number(f.b1, lang)) end
  if f.income then facts[#facts + 1] = ("%s = %s"):format(w.facts_names.income, number(f.income, lang)) end
  if f.b2 then facts[#facts + 1] = ("B2 = %s"):format(number(f.b2, lang)) end
  if ex.deprived then
    local labels = {}
    for i, d in ipairs(ex.deprived_labels) do labels[i] = d[lang] end
    facts[#facts + 1] = w.deprived_list:format(#ex.deprived,
      #labels > 0 and table.concat(labels, ", ") or w.none)
  end
  add(w.facts, #facts > 0 and table.concat(facts, "; ") or w.none)

  add("%s", w.steps)
  for i, s in ipairs(ex.steps) do
    local outcome = s.class and class_text(w, s.class) or w.undetermined_short:format(s.undetermined)
    add(w.step, i, s.provision, outcome, s.status, s.holds and w.yes or w.no)
    add(w.cite, s.citation, s.file, s.line)
    add(w.cond, s.when[lang])
    for _, t in ipairs(s.tests) do add(w.test, test_text(t, w, lang)) end
  end

  local d = ex.decision
  if d.undetermined then
    add(w.undetermined, d.provision, d.gap.name, d.gap[lang])
    return
  end
  add(w.decision, class_text(w, d.class), d.provision)

  if #ex.margins > 0 then
    add("%s", w.margins)
    for _, m in ipairs(ex.margins) do
      local unit = w.units[m.fact] or ""
      local how = m.margin == 0 and w.at
        or (m.margin < 0 and w.under or w.over):format(number(math.abs(m.margin), lang), unit)
      add(w.margin, w.facts_names[m.fact] or m.fact, number(m.value, lang), how, m.param,
          m.area and w.area_of:format(w[m.area]) or "", number(m.threshold, lang))
    end
  end
  add("%s", w.changes)
  if #ex.changes == 0 then add("%s", w.no_change) end
  for _, c in ipairs(ex.changes) do
    local outcome = c.class and class_text(w, c.class) or w.undetermined_short:format(c.undetermined)
    add(w.change, w.facts_names[c.fact], number(c.from, lang), number(c.to, lang),
        c.delta > 0 and "+" or "-", number(math.abs(c.delta), lang), w.units[c.fact], outcome,
        c.provision)
  end
  if #ex.warnings > 0 then
    add("%s", w.warnings)
    for _, x in ipairs(ex.warnings) do
      add("  - %s", x.message[lang])
    end
  end
end

-- The explanation as text in 'lang' ("vi" or "en").
function M.render(doc, lang)
  local w = W[lang]
  local out = {}
  local rec = doc.household
  out[#out + 1] = w.household:format(rec.id, rec.survey_date,
    rec.province and w.province:format(rec.province) or "", w[rec.area], rec.size)
  render_ruleset(out, doc.national, doc.selection, w, lang, rec)
  if #doc["local"] > 0 then
    out[#out + 1] = ""
    out[#out + 1] = w.locals
    for _, ex in ipairs(doc["local"]) do
      if ex.error then
        out[#out + 1] = ("  %s: %s"):format(ex.ruleset.id, ex.error.message[lang])
      elseif ex.applies == false then
        out[#out + 1] = w.not_applies:format(ex.ruleset.id)
      else
        out[#out + 1] = ""
        render_ruleset(out, ex, nil, w, lang, rec)
      end
    end
  end
  return table.concat(out, "\n") .. "\n"
end

return M
