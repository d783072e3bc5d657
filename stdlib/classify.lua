-- stdlib/classify.lua: evaluate one household under one rule set.
--
-- The C side has already checked the household record's contract fields and passes the
-- few facts every rule set reads (area, size, B1 score, measured income) as arguments,
-- with 'view', a read-only window on the whole record (engine/lua/json_view.c), for anything
-- else. No Lua table is built from the record: rules read only the fields they use.
--
-- Nothing a rule function can reach lets it change the rule set or another household's
-- outcome: 'h' is read-only and holds only this household's facts, the rule set object
-- stays in a private table, and parameters are frozen.
--
-- Failures that are the household's fault are raised as {kind=, key=, field=, args=}
-- tables; anything else a rule raises is reported by C as a rule error with its file:line.

local host = ...

local answer = host.answer                 -- answer(view, code) -> true | false | nil
local answer_count = host.answer_count     -- answer_count(view) -> entries in deprivations
local answers = host.answers               -- answers(view, codes) -> deprived, answered, first gap
local unknown_answers = host.unknown_answers

local M = {}

-- Per-household private state, keyed by the household object: the rule set and the
-- memoised deprivation decisions. Weak keys: it empties as households are collected.
local state_of = setmetatable({}, { __mode = "k" })

-- The household as rule functions see it: h.area, h.size, h.b1, h.income, h.date (the
-- survey date in force for it, "YYYY-MM-DD"), h.raw (the view) and the methods below.
-- Read-only.
local Household = {}
local household_mt = {
  __index = Household,
  __newindex = function(_, k)
    error(("the household is read-only (assignment to '%s')"):format(tostring(k)), 2)
  end,
  __metatable = false,
}

local raise = host.raise                   -- raise(fields): an error the engine reports as its own

local function input_error(key, field, ...)
  raise({ kind = key, key = key, field = field, args = { ... } })
end

-- A rule function broke its contract: report it at the declaration in the rule file.
local function contract_error(decl, key, ...)
  raise({ kind = "definition", key = key, args = { decl.name or decl.code or decl.id, ... },
          file = decl.file, line = decl.line })
end

-- Decide every indicator of the rule set once: the form's answer when given, else the
-- indicator's own derivation from raw data, else nil. Returns the list of deprived codes
-- and how many came from the form, or nil and the first indicator left undecided.
local function decide_all(h, rs)
  local deprived, answered, from = answers(h.raw, rs.indicator_codes)
  if not from then return deprived, answered end
  -- From the first indicator the form leaves open: its derivation, if any, else undecided.
  local list = rs.indicator_list
  for i = from, #list do
    local ind = list[i]
    local d = answer(h.raw, ind.code)
    if d ~= nil then
      answered = answered + 1
    elseif ind.derive then
      d = ind.derive(h, rs.P)
      if d ~= nil and type(d) ~= "boolean" then
        contract_error(ind, "derive_not_boolean", type(d))
      end
    end
    if d == nil then return nil, ind.code end
    if d then deprived[#deprived + 1] = ind.code end
  end
  return deprived, answered
end

-- The engine's own list of the deprived indicators' codes, in the rule set's order,
-- decided once per household. Raises an input error naming the first indicator the
-- record neither answers nor lets the rules derive.
local function deprived_of(h)
  local st = state_of[h]
  if st.deprived == nil then
    local d, answered = decide_all(h, st.rs)
    if d == nil then
      input_error("missing_indicator", "deprivations." .. answered, answered)
    end
    st.deprived, st.answered = d, answered
  end
  return st.deprived
end

-- The codes of the deprived indicators, for rule code: a copy, so a rule that changes
-- the list changes nothing the engine reports.
function Household:deprived()
  return { table.unpack(deprived_of(self)) }
end

-- The number of deprived indicators (or, in a what-if of 'explain', the count supposed).
function Household:deprived_count()
  return state_of[self].count_override or #deprived_of(self)
end

-- The deprivation score (Phiếu B2): points per deprived indicator, from the rule set's
-- 'b2_points_per_indicator' parameter.
function Household:b2()
  local points = state_of[self].rs.b2_points
  if points == nil then
    error("rule set has no 'b2_points_per_indicator' parameter; use h:deprived_count()", 2)
  end
  return self:deprived_count() * points
end

-- {==================================================================
-- Conditions (stdlib/dsl.lua builds them)
-- ==================================================================}

-- The value of a named fact for 'h' (nil when the record lacks it).
local function fact_value(h, fact)
  if fact == "b1" then return h.b1
  elseif fact == "income" then return h.income
  elseif fact == "income_year" then return h.income and h.income * 12
  elseif fact == "b2" then return h:b2()
  elseif fact == "deprived" then return h:deprived_count()
  else return h.size end
end

local COMPARE = {
  at_most = function(a, b) return a <= b end,
  at_least = function(a, b) return a >= b end,
  above = function(a, b) return a > b end,
  below = function(a, b) return a < b end,
}

-- The threshold a comparison uses for 'h': the parameter, by area when it has one.
-- 'values' is the rule set's plain table of parameter values.
local function threshold(c, h, values)
  local t = values[c.param]
  if math.type(t) ~= "integer" then t = t[h.area] end
  return t
end
M.threshold = threshold

-- Does condition 'c' hold for 'h'? Evaluated as Lua's 'and'/'or' would (a part after a
-- decisive one is not evaluated, so an unanswered indicator matters only when needed).
-- With 'trace', appends one entry per test evaluated: {op, fact, value, param,
-- threshold, area (when the parameter has a value per area), holds}.
local function test(c, h, values, trace)
  local op, holds = c.op, nil
  if op == "always" then
    return true
  elseif op == "all_of" or op == "any_of" then
    local want = op == "any_of"
    for _, part in ipairs(c.parts) do
      if test(part, h, values, trace) == want then return want end
    end
    return not want
  elseif op == "area_is" then
    holds = h.area == c.area
    if trace then trace[#trace + 1] = { op = op, area = c.area, value = h.area, holds = holds } end
    return holds
  elseif op == "dated_before" or op == "dated_from" then
    holds = (h.date < c.date) == (op == "dated_before")
    if trace then trace[#trace + 1] = { op = op, date = c.date, value = h.date, holds = holds } end
    return holds
  end
  local value = fact_value(h, c.fact)
  local t
  if op == "has" then
    holds = value ~= nil
  elseif op == "lacks" then
    holds = value == nil
  else
    t = threshold(c, h, values)
    holds = value ~= nil and COMPARE[op](value, t)
  end
  if trace then
    local by_area = c.param and math.type(values[c.param]) ~= "integer"
    trace[#trace + 1] = { op = op, fact = c.fact, value = value, param = c.param,
                          threshold = t, area = by_area and h.area or nil, holds = holds }
  end
  return holds
end

-- A condition compiled, for one rule set's values, into a function of the household:
-- what 'test' does, without walking the condition tree for every household.
local compile

local FACT_READERS = {
  b1 = function(h) return h.b1 end,
  income = function(h) return h.income end,
  income_year = function(h) local v = h.income return v and v * 12 end,
  b2 = function(h) return h:b2() end,
  deprived = function(h) return h:deprived_count() end,
  size = function(h) return h.size end,
}

local function compile_comparison(c, values)
  local read, t, cmp = FACT_READERS[c.fact], values[c.param], COMPARE[c.op]
  if math.type(t) == "integer" then
    return function(h) local v = read(h) return v ~= nil and cmp(v, t) end
  end
  return function(h) local v = read(h) return v ~= nil and cmp(v, t[h.area]) end
end

function compile(c, values)
  local op = c.op
  if op == "always" then return function() return true end end
  if op == "area_is" then
    local area = c.area
    return function(h) return h.area == area end
  end
  if op == "dated_before" or op == "dated_from" then
    local date, before = c.date, op == "dated_before"
    return function(h) return (h.date < date) == before end
  end
  if op == "has" or op == "lacks" then
    local read, want = FACT_READERS[c.fact], op == "has"
    return function(h) return (read(h) ~= nil) == want end
  end
  if op == "all_of" or op == "any_of" then
    local parts = {}
    for i, part in ipairs(c.parts) do parts[i] = compile(part, values) end
    if op == "all_of" then
      return function(h)
        for i = 1, #parts do if not parts[i](h) then return false end end
        return true
      end
    end
    return function(h)
      for i = 1, #parts do if parts[i](h) then return true end end
      return false
    end
  end
  return compile_comparison(c, values)
end

-- The compiled form of 'decl.when' for rule set 'rs', made once per rule set and
-- declaration (a provision inherited by a local set meets other values there).
local function compiled(rs, decl)
  local cache = rs.compiled
  if not cache then cache = {} rs.compiled = cache end
  local f = cache[decl]
  if not f then
    f = compile(decl.when, rs.values)
    cache[decl] = f
  end
  return f
end

-- Does a provision's or warning's 'when' hold? A function is called; a condition tested,
-- with 'trace' through the interpreter (for 'explain'), else through its compiled form.
local function holds(rs, decl, h, trace)
  local r
  if type(decl.when) == "function" then
    r = decl.when(h, rs.P)
  elseif trace then
    r = test(decl.when, h, rs.values, trace)
  else
    r = compiled(rs, decl)(h)
  end
  if type(r) ~= "boolean" then contract_error(decl, "when_not_boolean", type(r)) end
  return r
end

-- The provision says the law's figures for this case are a known gap: no class. The
-- message depends only on the rule set and the provision, so it is made once.
local undetermined_messages = setmetatable({}, { __mode = "k" })

local function undetermined(rs, p)
  local message = undetermined_messages[p]
  if not message then
    local gap = rs.gap_by_name[p.undetermined]
    message = {
      vi = ("Bộ quy tắc %s không xác định được hạng cho hộ này (quy định '%s'; nội dung chưa xác minh '%s'): %s")
           :format(rs.id, p.name, gap.name, gap.vi),
      en = ("Rule set %s cannot classify this household (provision '%s'; gap '%s'): %s")
           :format(rs.id, p.name, gap.name, gap.en),
    }
    undetermined_messages[p] = message
  end
  raise({ kind = "undetermined", key = "undetermined", message = message })
end

local function add_warning(warnings, w)
  warnings = warnings or {}
  warnings[#warnings + 1] = w
  return warnings
end

-- Warnings about the decided outcome: answers the rule set ignores (only when
-- 'with_ignored': classify's path has the engine add those itself, before these, in
-- engine/lua/seam_evaluate.c), a gap that bears on the class, and every 'warning'
-- declaration that holds.
local function warnings_for(h, rs, decided, deprived, answered, with_ignored)
  local warnings
  -- Look for answers the rule set does not use only when the form holds more entries
  -- than the rule set took from it (the common case costs one count).
  local extra = with_ignored and (not deprived or answer_count(h.raw) > answered)
                and unknown_answers(h.raw, rs.indicators)
  for _, code in ipairs(extra or {}) do
    warnings = add_warning(warnings, { kind = "ignored_answer", key = "ignored_answer",
                                       field = "deprivations." .. code, args = { code, rs.id } })
  end
  if decided.note_gap then
    local gap = rs.gap_by_name[decided.note_gap]
    warnings = add_warning(warnings, { kind = "gap", message = {
      vi = ("Nội dung chưa xác minh '%s' của %s liên quan đến hạng này: %s"):format(gap.name, rs.id, gap.vi),
      en = ("Gap '%s' of %s bears on this class: %s"):format(gap.name, rs.id, gap.en),
    } })
  end
  for _, w in ipairs(rs.warnings) do
    if holds(rs, w, h) then
      warnings = add_warning(warnings, { kind = w.name, message = { vi = w.vi, en = w.en } })
    end
  end
  return warnings
end

-- A household object for rule functions; 'count_override' (optional) supposes a number of
-- deprived indicators, for the what-ifs of 'explain'.
function M.household(rs, view, area, size, b1, income, date, count_override)
  local h = setmetatable({ raw = view, area = area, size = size, b1 = b1, income = income,
                           date = date }, household_mt)
  state_of[h] = { rs = rs, count_override = count_override }
  return h
end

-- Does local standard 'rs' concern 'h'? (Always true for a set without 'applies'.)
function M.applies(rs, h)
  if not rs.applies then return true end
  local r = rs.applies(h)
  if type(r) ~= "boolean" then contract_error(rs, "applies_not_boolean", type(r)) end
  return r
end

-- The first provision of 'rs' that holds for 'h'. With 'steps', appends for each provision
-- tried {provision =, holds =, tests = {...}} (tests only for conditions).
function M.decide(rs, h, steps)
  for _, p in ipairs(rs.provisions) do
    local tests = steps and {} or nil
    local r = holds(rs, p, h, tests)
    if steps then steps[#steps + 1] = { provision = p, holds = r, tests = tests } end
    if r then return p end
  end
  raise({ kind = "definition", key = "no_provision_decided", args = { rs.id },
          file = rs.file, line = rs.line })
end


-- Was the household 'status' in some year of its history? (The record's history was
-- checked by the C side: an array of {status=, year=} objects.)
local function earlier(view, status)
  local history = view.history
  if history == nil then return false end
  for i = 1, #history do
    if history[i].status == status then return true end
  end
  return false
end

-- The code of the household's movement on the lists (stdlib/dsl.lua's 'transition'):
-- the first of the rule set's transitions that its start status, its class and its
-- history meet; nil when the rule set declares none.
function M.transition(rs, view, class)
  local list = rs.transitions
  if #list == 0 then return nil end
  local previous = view.previous
  local from = previous and previous.status or "none"
  for i = 1, #list do
    local t = list[i]
    if t.from[from] and t.to[class] and (not t.earlier or earlier(view, t.earlier)) then
      return t.code
    end
  end
end

-- The determinations of 'rs' beside the class 'class' (dsl.lua, 'determination'), as a
-- list of {name, value (true, false or nil for unknown), citation, status, gap}; nil when
-- the rule set has none in force on the household's date.
local function determine(rs, h, class)
  local out, list = nil, rs.determinations
  for i = 1, #list do
    local d = list[i]
    local in_force = true
    if d.from then
      -- Survey dates repeat: remember the answer per date rather than compare strings
      -- (a collation call) for every household. At most one entry per calendar day.
      local seen = d.in_force_on
      in_force = seen[h.date]
      if in_force == nil then
        in_force = h.date >= d.from
        seen[h.date] = in_force
      end
    end
    if in_force then
      local value
      if d.unless_class[class] then
        value = false
      elseif not d.needs or FACT_READERS[d.needs](h) ~= nil then
        value = holds(rs, d, h)
      end
      out = out or {}
      out[#out + 1] = { name = d.name, value = value, citation = d.citation,
                        status = d.status, gap = d.note_gap }
    end
  end
  return out
end

-- Run the provisions of 'rs' for one household. Returns, in order: class, the name of the
-- provision that decided, its basis ("b1", "income" or nil), the record's B1 score (or nil),
-- the B2 score (or nil when not computable), the deprived codes (or nil when the form is
-- incomplete and the class did not need it), a list of warnings (or nil), the transition
-- code (or nil when the rule set declares no transitions) and the list of determinations
-- beside the class (or nil). The warnings leave out the answers the rule set ignores: the
-- engine adds those (see warnings_for).
-- Returns nothing when 'rs' is a local standard whose 'applies' excludes the household.
function M.evaluate(rs, view, area, size, b1, income, date)
  local h = M.household(rs, view, area, size, b1, income, date)
  if not M.applies(rs, h) then return end
  local decided = M.decide(rs, h)
  if decided.undetermined then undetermined(rs, decided) end

  local st = state_of[h]
  local deprived, answered = st.deprived, st.answered
  if deprived == nil then
    deprived, answered = decide_all(h, rs)   -- reported when complete; not needed for this class
  end
  local warnings = warnings_for(h, rs, decided, deprived, answered)
  local b2 = deprived and rs.b2_points and #deprived * rs.b2_points or nil
  return decided.class, decided.name, decided.basis, b1, b2, deprived, warnings,
         M.transition(rs, view, decided.class),
         rs.determinations[1] and determine(rs, h, decided.class) or nil
end

-- For tests: the name of the first provision, warning or determination of 'rs' whose
-- condition the interpreter ('test', explain's path) and the compiled form (classify's
-- path) answer differently for the household, or nil when they all agree. A condition
-- that fails (an unanswered indicator, say) must fail in both.
function M.disagreement(rs, view, area, size, b1, income, date)
  local h = M.household(rs, view, area, size, b1, income, date)
  for _, list in ipairs({ rs.provisions, rs.warnings, rs.determinations }) do
    for _, decl in ipairs(list) do
      if type(decl.when) == "table" then
        local ok_i, interpreted = pcall(test, decl.when, h, rs.values, {})
        local ok_c, compiled_answer = pcall(compiled(rs, decl), h)
        if ok_i ~= ok_c or (ok_i and interpreted ~= compiled_answer) then
          return decl.name or "?"
        end
      end
    end
  end
  return nil
end

-- The deprived codes and warnings of a decided household, for 'explain' (nil deprived
-- when the form is incomplete and the class did not need it).
function M.outcome(rs, h, decided)
  local st = state_of[h]
  local deprived, answered = st.deprived, st.answered
  if deprived == nil then deprived, answered = decide_all(h, rs) end
  return deprived, warnings_for(h, rs, decided, deprived, answered, true)
end

return M
