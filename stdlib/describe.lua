-- stdlib/describe.lua: rule sets as text for people ('rasoat rules list' and
-- 'rasoat rules show'): every parameter, indicator, provision, warning and gap with its
-- value, unit, citation, status and place in the rule files, and what a local set
-- inherited, overrode or removed. Vietnamese or English; the legal texts stay as written.

local host = ...

local M = {}

local WORDS = {
  vi = {
    version = "Phiên bản", jurisdiction = "Phạm vi", national = "toàn quốc",
    province = "tỉnh/thành phố mã", in_force = "Hiệu lực", to = "đến", extends = "Kế thừa",
    legal_basis = "Căn cứ pháp lý", parameters = "Tham số", indicators = "Chỉ số thiếu hụt",
    provisions = "Quy định phân loại (xét theo thứ tự, quy định đầu tiên thỏa mãn quyết định)",
    warnings = "Cảnh báo", gaps = "Nội dung chưa xác minh (không mã hóa)",
    citation = "Căn cứ", source = "Nguồn", at = "Tại", status = "Trạng thái",
    inherited = "kế thừa từ", overrides = "ghi đè", was = "trước đó", removed = "đã bỏ",
    threshold = "ngưỡng", basis = "cơ sở", undetermined = "chưa xác định được — nội dung chưa xác minh",
    classes = { poor = "hộ nghèo", near_poor = "hộ cận nghèo", middle_income = "hộ có mức sống trung bình",
                not_poor = "không thuộc hộ nghèo, cận nghèo, mức sống trung bình" },
    note_gap = "kèm cảnh báo nội dung chưa xác minh", rural = "nông thôn", urban = "thành thị",
    none = "không có", applies = "Chỉ áp dụng cho một số hộ (hàm applies)",
    when = "Điều kiện", always = "luôn đúng", and_ = " và ", or_ = " hoặc ", given = "có",
    not_given = "không có", function_when = "hàm Lua (xem tệp quy tắc)",
    header = { "ID", "Phiên bản", "Phạm vi", "Hiệu lực từ", "đến", "Căn cứ pháp lý" },
  },
  en = {
    version = "Version", jurisdiction = "Jurisdiction", national = "national",
    province = "province code", in_force = "In force", to = "to", extends = "Extends",
    legal_basis = "Legal basis", parameters = "Parameters", indicators = "Deprivation indicators",
    provisions = "Classification provisions (tried in order; the first that holds decides)",
    warnings = "Warnings", gaps = "Gaps (unverified, not encoded)",
    citation = "Citation", source = "Source", at = "At", status = "Status",
    inherited = "inherited from", overrides = "overrides", was = "was", removed = "removed",
    threshold = "threshold", basis = "basis", undetermined = "undetermined — gap",
    note_gap = "with a warning of gap", rural = "rural", urban = "urban",
    none = "none", applies = "Applies to some households only (applies function)",
    when = "When", always = "always", and_ = " and ", or_ = " or ", given = "given",
    not_given = "not given", function_when = "a Lua function (see the rule file)",
    header = { "ID", "Version", "Jurisdiction", "In force from", "to", "Legal basis" },
  },
}

-- 1500000 -> "1.500.000" (vi) or "1,500,000" (en).
local function group(n, sep)
  local s = tostring(n)
  local sign, digits = "", s
  if s:sub(1, 1) == "-" then sign, digits = "-", s:sub(2) end
  local out = ""
  while #digits > 3 do
    out = sep .. digits:sub(-3) .. out
    digits = digits:sub(1, -4)
  end
  return sign .. digits .. out
end

local function value_text(v, lang, w)
  local sep = lang == "en" and "," or "."
  if math.type(v) == "integer" then return group(v, sep) end
  return ("%s %s; %s %s"):format(w.rural, group(v.rural, sep), w.urban, group(v.urban, sep))
end

local OPS = { at_most = "≤", at_least = "≥", above = ">", below = "<" }

-- A condition as a formula: "b1 ≤ b1_line and b2 ≥ poor_min_b2".
local function condition_text(c, w)
  if type(c) == "function" then return w.function_when end
  if c.op == "always" then return w.always end
  if c.op == "all_of" or c.op == "any_of" then
    local parts = {}
    for i, p in ipairs(c.parts) do parts[i] = condition_text(p, w) end
    return "(" .. table.concat(parts, c.op == "all_of" and w.and_ or w.or_) .. ")"
  end
  if c.op == "has" then return c.fact .. " " .. w.given end
  if c.op == "lacks" then return c.fact .. " " .. w.not_given end
  if c.op == "area_is" then return "area = " .. c.area end
  if c.op == "dated_before" then return "survey_date < " .. c.date end
  if c.op == "dated_from" then return "survey_date ≥ " .. c.date end
  return ("%s %s %s"):format(c.fact, OPS[c.op], c.param)
end
M.condition_text = function(c, lang) return condition_text(c, WORDS[lang]) end

local function jurisdiction_text(rs, w)
  if rs.jurisdiction == "VN" then return "VN (" .. w.national .. ")" end
  return w.province .. " " .. rs.jurisdiction
end

-- One line per rule set: id, version, jurisdiction, in force from/to, legal basis.
function M.list(sets, lang)
  local w = WORDS[lang]
  local rows = { table.concat(w.header, "\t") }
  for _, rs in ipairs(sets) do
    rows[#rows + 1] = table.concat({
      rs.id, rs.version, jurisdiction_text(rs, w), rs.from, rs.to,
      table.concat(rs.legal_basis, "; "),
    }, "\t")
  end
  return table.concat(rows, "\n") .. "\n"
end

-- Everything one rule set holds, in the order a reader checks it against the law.
function M.show(rs, lang)
  local w = WORDS[lang]
  local out = {}
  local function add(fmt, ...) out[#out + 1] = fmt:format(...) end
  local function place(x) return ("%s:%d"):format(x.file, x.line) end

  add("%s — %s", rs.id, rs.title[lang])
  add("  %s: %s   %s: %s   %s: %s %s %s", w.version, rs.version, w.jurisdiction,
      jurisdiction_text(rs, w), w.in_force, rs.from, w.to, rs.to)
  if rs.parent then add("  %s: %s", w.extends, rs.parent.id) end
  add("  SHA-256: %s", rs.sha256 or "?")
  if rs.applies then add("  %s", w.applies) end
  add("  %s:", w.legal_basis)
  for _, b in ipairs(rs.legal_basis) do add("    - %s", b) end

  add("")
  add("%s:", w.parameters)
  for _, p in ipairs(rs.parameter_list) do
    add("  %s = %s  (%s)  [%s]", p.name, value_text(p.value, lang, w), p.unit, p.status)
    add("      %s: %s", w.citation, p.citation)
    if p.source then add("      %s: %s", w.source, p.source) end
    add("      %s: %s", w.at, place(p))
    if p.ruleset ~= rs then
      add("      (%s %s)", w.inherited, p.ruleset.id)
    elseif p.replaces then
      add("      (%s %s: %s %s (%s), %s)", w.overrides, p.replaces.ruleset.id, w.was,
          value_text(p.replaces.value, lang, w), p.replaces.unit, place(p.replaces))
    end
  end

  add("")
  add("%s:", w.indicators)
  for _, ind in ipairs(rs.indicator_list) do
    add("  %s — %s (%s)  [%s; %s: %s]", ind.code, ind.label[lang], ind.dimension, ind.status,
        w.threshold, ind.threshold and ind.threshold.status or "-")
    add("      %s: %s", w.citation, ind.citation)
    if ind.threshold then add("      %s: %s", w.threshold, ind.threshold[lang]) end
    add("      %s: %s%s", w.at, place(ind),
        ind.ruleset ~= rs and (" (" .. w.inherited .. " " .. ind.ruleset.id .. ")") or "")
  end
  for _, r in ipairs(rs.removed) do
    add("  %s — %s  [%s]", r.code, w.removed, r.status)
    add("      %s: %s", w.citation, r.citation)
    add("      %s: %s", w.at, place(r))
  end

  add("")
  add("%s:", w.provisions)
  for i, p in ipairs(rs.provisions) do
    -- The class in the reader's words, with its code (what results carry) beside it; in
    -- English the code is the word.
    local outcome = p.class and (w.classes and (w.classes[p.class] .. " (" .. p.class .. ")") or p.class)
                    or (w.undetermined .. " '" .. p.undetermined .. "'")
    add("  %d. %s → %s%s%s  [%s]", i, p.name, outcome,
        p.basis and ("  (" .. w.basis .. ": " .. p.basis .. ")") or "",
        p.note_gap and ("  (" .. w.note_gap .. " '" .. p.note_gap .. "')") or "", p.status)
    add("      %s: %s", w.when, condition_text(p.when, w))
    add("      %s: %s", w.citation, p.citation)
    add("      %s: %s", w.at, place(p))
  end

  if #rs.warnings > 0 then
    add("")
    add("%s:", w.warnings)
    for _, x in ipairs(rs.warnings) do
      add("  %s: %s", x.name, x[lang])
      add("      %s: %s", w.citation, x.citation)
      add("      %s: %s", w.at, place(x))
    end
  end

  add("")
  add("%s:", w.gaps)
  if #rs.gaps == 0 then add("  %s", w.none) end
  for _, g in ipairs(rs.gaps) do
    add("  %s: %s", g.name, g[lang])
    add("      %s: %s", w.citation, g.citation)
    add("      %s: %s", w.at, place(g))
  end
  return table.concat(out, "\n") .. "\n"
end

-- {==================================================================
-- As data, for tools (rasoat_rules_json, schema "rasoat.ruleset/1")
-- ==================================================================}

local function array(t) return setmetatable(t, host.array_mt()) end

local function value_data(v)
  if math.type(v) == "integer" then return v end
  return { rural = v.rural, urban = v.urban }
end

-- The parameters, indicators, provisions, warnings and gaps of 'rs' as plain data. Each
-- item carries its citation, status, file and line; 'from' names the rule set that
-- declared it, and an override names what it replaced.
function M.data(rs)
  local params, inds, provs, warns, gaps, removed = array({}), array({}), array({}), array({}), array({}), array({})
  for _, p in ipairs(rs.parameter_list) do
    local item = { name = p.name, value = value_data(p.value), unit = p.unit,
                   citation = p.citation, status = p.status, source = p.source,
                   file = p.file, line = p.line, from = p.ruleset.id }
    if p.replaces then
      item.replaces = { from = p.replaces.ruleset.id, value = value_data(p.replaces.value),
                        unit = p.replaces.unit, file = p.replaces.file, line = p.replaces.line }
    end
    params[#params + 1] = item
  end
  for _, ind in ipairs(rs.indicator_list) do
    inds[#inds + 1] = { code = ind.code, dimension = ind.dimension,
                        label = { vi = ind.label.vi, en = ind.label.en },
                        citation = ind.citation, status = ind.status,
                        threshold_status = ind.threshold and ind.threshold.status or nil,
                        derived = ind.derive ~= nil, file = ind.file, line = ind.line,
                        from = ind.ruleset.id }
  end
  for _, r in ipairs(rs.removed) do
    removed[#removed + 1] = { code = r.code, citation = r.citation, status = r.status,
                              file = r.file, line = r.line }
  end
  local function params_of(c, out)
    if type(c) ~= "table" then return out end
    if c.param then out[#out + 1] = c.param end
    for _, part in ipairs(c.parts or {}) do params_of(part, out) end
    return out
  end
  for _, p in ipairs(rs.provisions) do
    provs[#provs + 1] = { name = p.name, class = p.class, undetermined = p.undetermined,
                          basis = p.basis, note_gap = p.note_gap, citation = p.citation,
                          status = p.status, file = p.file, line = p.line,
                          condition = type(p.when) == "table",
                          when = { vi = condition_text(p.when, WORDS.vi), en = condition_text(p.when, WORDS.en) },
                          params = array(params_of(p.when, {})) }
  end
  for _, w in ipairs(rs.warnings) do
    warns[#warns + 1] = { name = w.name, citation = w.citation, file = w.file, line = w.line,
                          condition = type(w.when) == "table", params = array(params_of(w.when, {})) }
  end
  for _, g in ipairs(rs.gaps) do
    gaps[#gaps + 1] = { name = g.name, vi = g.vi, en = g.en, citation = g.citation,
                        file = g.file, line = g.line }
  end
  local transitions, forms, lists = array({}), array({}), array({})
  for _, t in ipairs(rs.transitions) do
    transitions[#transitions + 1] = {
      code = t.code, from_status = array({ table.unpack(t.from_list) }),
      to_class = array({ table.unpack(t.to_list) }), earlier = t.earlier,
      label = { vi = t.label.vi, en = t.label.en }, citation = t.citation, status = t.status,
      working = t.working and { vi = t.working.vi, en = t.working.en } or nil,
      file = t.file, line = t.line, from = t.ruleset.id }
  end
  -- Report layouts are plain data in the rule files: passed on as written, with where
  -- they were declared.
  local function layouts(list, out)
    for _, l in ipairs(list) do
      local item = {}
      for k, v in pairs(l.def) do item[k] = v end
      item.id, item.file, item.line, item.from = l.id, l.file, l.line, l.ruleset.id
      out[#out + 1] = item
    end
    return out
  end
  return {
    schema = "rasoat.ruleset/1", id = rs.id, version = rs.version, sha256 = rs.sha256,
    jurisdiction = rs.jurisdiction, extends = rs.parent and rs.parent.id or nil,
    from = rs.from, to = rs.to, dir = rs.dir, file = rs.file, line = rs.line,
    title = { vi = rs.title.vi, en = rs.title.en },
    legal_basis = array({ table.unpack(rs.legal_basis) }),
    parameters = params, indicators = inds, removed_indicators = removed,
    provisions = provs, warnings = warns, gaps = gaps, transitions = transitions,
    report_forms = layouts(rs.report_forms, forms), report_lists = layouts(rs.report_lists, lists),
  }
end

return M
