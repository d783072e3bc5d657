-- stdlib/dsl.lua: the rule-authoring language. A rule set's files are run in an
-- environment made here; they declare the rule set's metadata, its parameters, its
-- indicators, its classification provisions and its known gaps. A local rule set may
-- extend another one and override only what it names. 'link' resolves every rule set
-- against its parent and returns the objects stdlib/classify.lua evaluates.
--
-- This file is trusted host code: it runs in the state's global environment, which holds
-- only the safe libraries. Rule files never see this environment, only the one 'begin'
-- builds. Every failure is raised as a table {kind=, key=, args=, file=, line=} so the C
-- side can report the rule file and line and word the message in the user's language.

local host = ...

local M = {}

local STATUSES = { CONFIRMED = true, SECONDARY = true, UNCONFIRMED = true }
local CLASSES = { poor = true, near_poor = true, middle_income = true, not_poor = true }
local BASES = { b1 = true, income = true }
local AREA_LIST = { "rural", "urban" }
local AREAS = { rural = true, urban = true }
-- Start-of-year statuses a transition may start from; "none" = not on the lists.
local STARTS = { poor = true, near_poor = true, middle_income = true, not_poor = true, none = true }
local START_LIST = { "poor", "near_poor", "middle_income", "not_poor", "none" }
local CLASS_LIST = { "poor", "near_poor", "middle_income", "not_poor" }

-- Names a rule file may read besides the declarations: the safe base functions and
-- read-only views of the safe libraries (prepared in C, see engine/lua/sandbox.c).
local SAFE = host.safe_globals()

-- Raise a definition error at 'file':'line'.
local function fail_at(file, line, key, ...)
  host.raise({ kind = "definition", key = key, args = { ... }, file = file, line = line })
end

-- Raise a definition error located at the rule file statement being run.
local function fail(key, ...)
  local file, line = host.where(true)
  fail_at(file, line, key, ...)
end

-- A table that raises on writes and on reads of keys it lacks; 'what' names it in errors.
local function frozen(values, what)
  return setmetatable({}, {
    __index = function(_, k)
      local v = values[k]
      if v == nil then error(("unknown %s '%s'"):format(what, tostring(k)), 2) end
      return v
    end,
    __newindex = function(_, k)
      error(("%s '%s' is read-only"):format(what, tostring(k)), 2)
    end,
    __metatable = false,
  })
end

local function check_text(value, field, name)
  if type(value) == "number" then fail("field_quote", name, field, tostring(value)) end
  if type(value) ~= "string" or value == "" then fail("field_text", name, field) end
end

-- The fields each declaration knows. Any other field is a mistake (most often a misspelling,
-- 'citaton'), refused with the nearest known name rather than silently dropped.
local PARAMETER_FIELDS = { "value", "unit", "citation", "status", "source", "note" }
local FIELDS = {
  ruleset = { "id", "version", "jurisdiction", "title", "legal_basis", "in_force", "extends", "applies",
              "former_town_area" },
  parameter = PARAMETER_FIELDS, override = PARAMETER_FIELDS,
  indicator = { "dimension", "label", "citation", "status", "threshold", "derive" },
  remove_indicator = { "citation", "status" },
  provision = { "class", "undetermined", "basis", "note_gap", "citation", "status", "when" },
  gap = { "vi", "en", "citation", "open_question" },
  warning = { "vi", "en", "citation", "when" },
  transition = { "from", "to", "earlier", "label", "citation", "status", "working" },
  report_form = { "title", "citation", "status", "note", "kinds", "columns", "checks", "child_age_below" },
  report_list = { "title", "citation", "status", "note", "where", "columns" },
  determination = { "label", "citation", "status", "note_gap", "from", "unless_class", "needs", "when" },
}

-- Edit distance between two short names (insertions, deletions, substitutions, swaps).
local function distance(a, b)
  local d = {}
  for i = 0, #a do d[i] = { [0] = i } end
  for j = 0, #b do d[0][j] = j end
  for i = 1, #a do
    for j = 1, #b do
      local cost = a:sub(i, i) == b:sub(j, j) and 0 or 1
      local v = math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if i > 1 and j > 1 and a:sub(i, i) == b:sub(j - 1, j - 1) and a:sub(i - 1, i - 1) == b:sub(j, j) then
        v = math.min(v, d[i - 2][j - 2] + 1)
      end
      d[i][j] = v
    end
  end
  return d[#a][#b]
end

-- Refuse what a declaration of 'keyword' named 'name' must not hold: a value without a field
-- name (a number written 1,800,000 reads as value = 1 followed by 800 and 0) and a field the
-- declaration does not know, naming the nearest known one.
local function check_fields(def, keyword, name)
  local known, unknown = {}, {}
  for _, f in ipairs(FIELDS[keyword]) do known[f] = true end
  if def[1] ~= nil then
    if math.type(def.value) == "integer" and def.value >= 0 and math.type(def[1]) == "integer" then
      local digits = { tostring(def.value) }
      for _, part in ipairs(def) do
        if math.type(part) ~= "integer" or part < 0 or part > 999 then digits = nil break end
        digits[#digits + 1] = ("%03d"):format(part)
      end
      if digits then fail("mistake_number_commas", name, table.concat(digits)) end
    end
    fail("field_unnamed", name, type(def[1]) == "string" and ('"' .. def[1] .. '"') or tostring(def[1]))
  end
  for k in next, def do
    if type(k) == "string" and not known[k] then unknown[#unknown + 1] = k end
  end
  table.sort(unknown)
  local k = unknown[1]
  if k == nil then return end
  local best, best_d
  for _, f in ipairs(FIELDS[keyword]) do
    local dist = distance(k:lower(), f)
    if dist <= math.max(1, #f // 3) and (best_d == nil or dist < best_d) then best, best_d = f, dist end
  end
  if best then fail("field_unknown_suggest", name, k, best) end
  fail("field_unknown", name, k, table.concat(FIELDS[keyword], ", "))
end

local function check_status(value, name)
  if not STATUSES[value] then fail("bad_status", name, tostring(value)) end
end

local function check_labels(value, name)
  if type(value) ~= "table" then fail("labels", name) end
  check_text(value.vi, "vi", name)
  check_text(value.en, "en", name)
end

local function check_cited(def, name)
  check_text(def.citation, "citation", name)
  check_status(def.status, name)
end

-- A parameter value is a whole number, or a table of whole numbers by area. Money and
-- counts are exact: a float here would let binary rounding decide a class.
local function check_value(value, name)
  if math.type(value) == "integer" then return value end
  if type(value) == "table" then
    if value[1] ~= nil then fail("value_commas_area", name) end
    local by_area = {}
    for _, area in ipairs(AREA_LIST) do
      if math.type(value[area]) ~= "integer" then fail("value_by_area", name, area) end
      by_area[area] = value[area]
    end
    for k in next, value do
      if not AREAS[k] then fail("value_area_key", name, tostring(k)) end
    end
    return by_area
  end
  if math.type(value) == "float" then fail("value_float", name, tostring(value)) end
  fail("value_type", name, type(value))
end

-- A declaration is called as  keyword "name" { fields }. Returns the function taking the
-- fields, which records the declaration with the rule file and line it came from.
-- A declaration whose name was given but whose { ... } never followed is remembered in
-- 'rs.pending' until it is, so linking can refuse it instead of dropping it silently.
local function declaration(rs, keyword, record)
  return function(name)
    if rs.linked then fail("declaration_after_load", keyword) end
    check_text(name, "name", keyword)
    local file, line = host.where(true)
    local pending = { keyword = keyword, name = name, file = file, line = line }
    rs.pending[pending] = true
    return function(def)
      rs.pending[pending] = nil
      if type(def) ~= "table" then fail("definition_table", keyword, name) end
      check_fields(def, keyword, name)
      record(name, def, file, line)
    end
  end
end

-- Record 'item' under 'name' in the ordered collection 'c' ({list=, by=}), refusing a
-- second declaration of the same name within one rule set.
local function add(c, keyword, name, item)
  if c.by[name] then fail("duplicate", keyword, name) end
  c.by[name] = item
  c.list[#c.list + 1] = item
end

local function collection()
  return { list = {}, by = {} }
end

-- {==================================================================
-- Conditions: what a provision tests, written so the engine can explain it
-- ==================================================================}

-- Facts a condition may compare, as stdlib/classify.lua computes them from the household.
local FACTS = {
  b1 = "B1 score (Phiếu B1)", income = "income per person per month",
  income_year = "income per person per year (monthly income x 12)",
  b2 = "B2 score (Phiếu B2)", deprived = "number of deprived indicators", size = "household size",
}

-- The metatable that marks a condition.
local Condition = {}

local function condition(c) return setmetatable(c, Condition) end

local function check_fact(fact)
  if not FACTS[fact] then fail("unknown_fact", tostring(fact)) end
end

-- Comparison of a fact with a parameter (resolved by the household's area when the
-- parameter has a value per area). A fact the record lacks makes the comparison false.
local function comparison(op)
  return function(fact, param)
    check_fact(fact)
    if type(param) ~= "string" then fail("condition_param", op, tostring(param)) end
    local file, line = host.where(true)
    return condition({ op = op, fact = fact, param = param, file = file, line = line })
  end
end

local function combination(op)
  return function(...)
    local parts = { ... }
    for _, c in ipairs(parts) do
      if getmetatable(c) ~= Condition then fail("condition_part", op) end
    end
    return condition({ op = op, parts = parts })
  end
end

local CONDITIONS = {
  at_most = comparison("at_most"),    -- fact <= parameter
  at_least = comparison("at_least"),  -- fact >= parameter
  above = comparison("above"),        -- fact >  parameter
  below = comparison("below"),        -- fact <  parameter
  has = function(fact) check_fact(fact) return condition({ op = "has", fact = fact }) end,
  lacks = function(fact) check_fact(fact) return condition({ op = "lacks", fact = fact }) end,
  -- The survey date in force for the household (ISO dates compare as text).
  dated_before = function(date)
    if not host.parse_date(date) then fail("bad_date", "dated_before", tostring(date)) end
    return condition({ op = "dated_before", date = date })
  end,
  dated_from = function(date)
    if not host.parse_date(date) then fail("bad_date", "dated_from", tostring(date)) end
    return condition({ op = "dated_from", date = date })
  end,
  area_is = function(area)
    if not AREAS[area] then fail("bad_area", tostring(area)) end
    return condition({ op = "area_is", area = area })
  end,
  all_of = combination("all_of"),
  any_of = combination("any_of"),
  always = function() return condition({ op = "always" }) end,
}

-- 'when' is a condition or a function(h, P) returning a boolean.
local function check_when(when, name)
  if type(when) ~= "function" and getmetatable(when) ~= Condition then
    fail("bad_when", name)
  end
end

-- Every parameter a condition names must exist once the rule set is linked.
local function check_condition_params(c, rs, owner)
  if type(c) ~= "table" then return end
  if c.param and not rs.parameters[c.param] then
    fail_at(c.file or owner.file, c.line or owner.line, "condition_unknown_param", owner.name, c.param)
  end
  for _, part in ipairs(c.parts or {}) do check_condition_params(part, rs, owner) end
end

-- Start a rule set read from 'dir'. Returns the rule set (its own declarations, not yet
-- linked to a parent) and the environment its files run in: the declarations below plus
-- SAFE; any other global read or write is an error.
function M.begin(dir)
  local own = {
    parameters = collection(), overrides = collection(),
    indicators = collection(), removals = collection(),
    provisions = collection(), gaps = collection(), warnings = collection(),
    transitions = collection(), forms = collection(), lists = collection(),
    determinations = collection(),
  }
  local rs = { dir = dir, own = own, pending = {} }
  local decl = {}

  -- ruleset { id =, version =, jurisdiction =, title = {vi=, en=}, legal_basis = {...},
  --           in_force = { from =, to = }, extends = (optional parent id),
  --           applies = (optional function(h) -> boolean, for local standards),
  --           former_town_area = (optional "recorded" | "rural" | "urban": how a household
  --             of a commune that took in a former town (thị trấn) after the 2025 reform is
  --             classified; default "recorded", the record's own area, with a warning) }
  function decl.ruleset(meta)
    if rs.linked then fail("declaration_after_load", "ruleset") end
    if rs.meta then fail("duplicate_ruleset") end
    if type(meta) ~= "table" then fail("ruleset_table") end
    check_fields(meta, "ruleset", "ruleset")
    for _, f in ipairs({ "id", "version", "jurisdiction" }) do
      check_text(meta[f], f, "ruleset")
    end
    check_labels(meta.title, "ruleset.title")
    if type(meta.legal_basis) ~= "table" or #meta.legal_basis == 0 then
      fail("legal_basis")
    end
    for _, b in ipairs(meta.legal_basis) do check_text(b, "legal_basis", "ruleset") end
    if meta.extends ~= nil then check_text(meta.extends, "extends", "ruleset") end
    if meta.applies ~= nil and type(meta.applies) ~= "function" then
      fail("not_function", "ruleset", "applies")
    end
    local fta = meta.former_town_area
    if fta ~= nil and fta ~= "recorded" and fta ~= "rural" and fta ~= "urban" then
      fail("former_town_area")
    end
    local f = type(meta.in_force) == "table" and meta.in_force or {}
    local from, to = host.parse_date(f.from), host.parse_date(f.to)
    if not from or not to then fail("in_force_dates") end
    if from > to then fail("in_force_order", f.from, f.to) end
    rs.meta = meta
    rs.id, rs.version, rs.jurisdiction = meta.id, meta.version, meta.jurisdiction
    rs.title, rs.legal_basis, rs.extends, rs.applies =
      meta.title, meta.legal_basis, meta.extends, meta.applies
    rs.from, rs.to, rs.from_day, rs.to_day = f.from, f.to, from, to
    rs.own_former_town_area = fta
    rs.file, rs.line = host.where(true)
  end

  -- parameter "name" { value =, unit =, citation =, status =, source =, note = }
  -- override "name" { the same fields }: replaces the parent's parameter of that name.
  local function parameter_record(collection_name, keyword)
    return declaration(rs, keyword, function(name, def, file, line)
      check_text(def.unit, "unit", name)
      check_cited(def, name)
      if def.status == "UNCONFIRMED" then fail("unconfirmed_value", name) end
      add(own[collection_name], keyword, name, {
        name = name, value = check_value(def.value, name), unit = def.unit,
        citation = def.citation, status = def.status, source = def.source, note = def.note,
        file = file, line = line, ruleset = rs,
      })
    end)
  end
  decl.parameter = parameter_record("parameters", "parameter")
  decl.override = parameter_record("overrides", "override")

  -- indicator "code" { dimension =, label = {vi=, en=}, citation =, status =,
  --                    threshold = { vi =, en =, status = } (optional),
  --                    derive = function(h, P) ... end (optional) }
  -- 'status' is the verification of the indicator being part of the standard; the
  -- threshold's own status says how far the wording of what counts as deprived is verified.
  decl.indicator = declaration(rs, "indicator", function(code, def, file, line)
    check_text(def.dimension, "dimension", code)
    check_labels(def.label, code)
    check_cited(def, code)
    if def.threshold ~= nil then
      check_labels(def.threshold, code .. ".threshold")
      check_status(def.threshold.status, code .. ".threshold")
    end
    if def.derive ~= nil and type(def.derive) ~= "function" then
      fail("not_function", code, "derive")
    end
    add(own.indicators, "indicator", code, {
      code = code, dimension = def.dimension, label = def.label,
      citation = def.citation, status = def.status, threshold = def.threshold,
      derive = def.derive, file = file, line = line, ruleset = rs,
    })
  end)

  -- remove_indicator "code" { citation =, status = }: drop a parent's indicator.
  decl.remove_indicator = declaration(rs, "remove_indicator", function(code, def, file, line)
    check_cited(def, code)
    add(own.removals, "remove_indicator", code, {
      code = code, citation = def.citation, status = def.status, file = file, line = line,
    })
  end)

  -- provision "name" { class = ... | undetermined = "gap name", basis = "b1" | "income",
  --                    note_gap = "gap name" (optional), citation =, status =,
  --                    when = <condition> or function(h, P) return <boolean> end }
  -- Provisions are tried in the order declared; the first that holds decides. One that
  -- is 'undetermined' says the law's figures for that case are a named gap; 'note_gap'
  -- gives the class but warns that a named gap bears on it. A rule set that declares any
  -- provision replaces its parent's provisions, and its warnings, as a whole.
  decl.provision = declaration(rs, "provision", function(name, def, file, line)
    if def.undetermined ~= nil then
      check_text(def.undetermined, "undetermined", name)
      if def.class ~= nil then fail("class_and_undetermined", name) end
    elseif not CLASSES[def.class] then
      fail("bad_class", name, tostring(def.class))
    end
    if def.basis ~= nil and not BASES[def.basis] then
      fail("bad_basis", name, tostring(def.basis))
    end
    if def.note_gap ~= nil then check_text(def.note_gap, "note_gap", name) end
    check_cited(def, name)
    check_when(def.when, name)
    add(own.provisions, "provision", name, {
      name = name, class = def.class, undetermined = def.undetermined, basis = def.basis,
      note_gap = def.note_gap,
      citation = def.citation, status = def.status, when = def.when,
      file = file, line = line,
    })
  end)

  -- determination "name" { label = {vi=, en=}, citation =, status =, note_gap = (optional),
  --                        from = (optional "YYYY-MM-DD"), unless_class = { classes... },
  --                        needs = (optional fact), when = <condition> or function(h, P) }
  -- A determination of its own beside the class (e.g. low-income workers, Decree
  -- 30/2025): after the class is decided, each result carries field 'name' =
  -- {value, citation, status[, gap]}: false when the class is one of 'unless_class', null
  -- when the record lacks the fact 'needs', else whether 'when' holds. Before 'from' the
  -- field is left out. Inherited by the sets that extend this one.
  decl.determination = declaration(rs, "determination", function(name, def, file, line)
    check_labels(def.label, name)
    check_cited(def, name)
    check_when(def.when, name)
    if def.note_gap ~= nil then check_text(def.note_gap, "note_gap", name) end
    if def.needs ~= nil then check_fact(def.needs) end
    local from
    if def.from ~= nil then
      from = host.parse_date(def.from)
      if not from then fail("bad_date", name .. ".from", tostring(def.from)) end
    end
    local unless = {}
    for _, c in ipairs(def.unless_class or {}) do
      if not CLASSES[c] then fail("bad_class", name, tostring(c)) end
      unless[c] = true
    end
    add(own.determinations, "determination", name, {
      name = name, label = def.label, citation = def.citation, status = def.status,
      note_gap = def.note_gap, from = def.from, unless_class = unless, needs = def.needs,
      when = def.when, file = file, line = line,
      in_force_on = {},  -- survey date -> from <= date, filled by stdlib/classify.lua
    })
  end)

  -- gap "name" { vi =, en =, citation =, open_question = (optional true) }: a figure the
  -- law sets but no source read confirms. It is listed, never used as a figure. An open
  -- question is a gap no source answers at all (e.g. what the 2025 reform did to a local
  -- standard); 'rasoat check' names each one.
  decl.gap = declaration(rs, "gap", function(name, def, file, line)
    check_text(def.vi, "vi", name)
    check_text(def.en, "en", name)
    check_text(def.citation, "citation", name)
    add(own.gaps, "gap", name, { name = name, vi = def.vi, en = def.en,
                                 citation = def.citation, open_question = def.open_question == true,
                                 file = file, line = line })
  end)

  -- warning "name" { vi =, en =, citation =, when = function(h, P) return <boolean> end }:
  -- after the class is decided, adds the message to the result's warnings when it holds
  -- (e.g. two income bases that disagree). Never changes the class.
  decl.warning = declaration(rs, "warning", function(name, def, file, line)
    check_text(def.vi, "vi", name)
    check_text(def.en, "en", name)
    check_text(def.citation, "citation", name)
    check_when(def.when, name)
    add(own.warnings, "warning", name, { name = name, vi = def.vi, en = def.en,
                                         citation = def.citation, when = def.when,
                                         file = file, line = line })
  end)

  -- transition "code" { from = { start statuses }, to = { classes }, earlier = "poor" |
  --                     "near_poor" (optional), label = {vi=, en=}, citation =, status =,
  --                     working = {vi=, en=} (optional) }
  -- A household's movement on the lists: the first transition, in order, whose 'from'
  -- holds the start-of-year status (previous.status, "none" when absent), whose 'to'
  -- holds this year's class and, when 'earlier' is given, whose status appears in some
  -- year of 'history'. 'working' names a definition no legal text confirms (it is the
  -- rule set's working definition, said as such wherever the code is shown).
  decl.transition = declaration(rs, "transition", function(code, def, file, line)
    local function set_of(list, allowed, field)
      if type(list) ~= "table" or #list == 0 then fail("transition_list", code, field) end
      local out = {}
      for _, v in ipairs(list) do
        if not allowed[v] then fail("transition_value", code, field, tostring(v)) end
        out[v] = true
      end
      return out
    end
    check_labels(def.label, code)
    check_cited(def, code)
    if def.earlier ~= nil and not CLASSES[def.earlier] then
      fail("transition_value", code, "earlier", tostring(def.earlier))
    end
    if def.working ~= nil then check_labels(def.working, code .. ".working") end
    add(own.transitions, "transition", code, {
      code = code, from = set_of(def.from, STARTS, "from"), to = set_of(def.to, CLASSES, "to"),
      from_list = def.from, to_list = def.to, earlier = def.earlier, label = def.label,
      citation = def.citation, status = def.status, working = def.working,
      file = file, line = line, ruleset = rs,
    })
  end)

  -- report_form "7.2" { title = {vi=, en=}, citation =, status =, note = {vi=, en=},
  --                     kinds = { "households", "persons" }, columns = { ... },
  --                     checks = { ... } }
  -- report_list "poor" { title = {vi=, en=}, citation =, status =, where = { ... } }
  -- The layouts of the review's forms and lists, read by 'rasoat report' (docs/reports.md
  -- gives every field). Checked here only for what every layout needs; the report engine
  -- checks the columns. A local set inherits its parent's and replaces one by its id.
  local function layout(collection_name, keyword)
    return declaration(rs, keyword, function(id, def, file, line)
      check_labels(def.title, id .. ".title")
      check_cited(def, id)
      if def.note ~= nil then check_labels(def.note, id .. ".note") end
      add(own[collection_name], keyword, id, { id = id, def = def, file = file, line = line,
                                               ruleset = rs })
    end)
  end
  decl.report_form = layout("forms", "report_form")
  decl.report_list = layout("lists", "report_list")

  local allowed = setmetatable({
    CONFIRMED = "CONFIRMED", SECONDARY = "SECONDARY", UNCONFIRMED = "UNCONFIRMED",
  }, { __index = SAFE })
  for k, v in pairs(decl) do allowed[k] = v end
  for k, v in pairs(CONDITIONS) do allowed[k] = v end

  local env = setmetatable({}, {
    __index = function(_, k)
      local v = allowed[k]
      if v == nil then
        error(("read of undeclared global '%s'"):format(tostring(k)), 2)
      end
      return v
    end,
    __newindex = function(_, k)
      error(("assignment to undeclared global '%s'"):format(tostring(k)), 2)
    end,
    __metatable = false,
  })
  return rs, env
end

-- {==================================================================
-- Linking: each rule set resolved against its parent
-- ==================================================================}

local function fail_meta(rs, key, ...)
  fail_at(rs.file or rs.dir, rs.line or 0, key, ...)
end

-- Parameters: the parent's, in its order, with overrides put in place (each remembering
-- what it replaced), then this set's new ones.
local function link_parameters(rs, parent)
  local own, by, list = rs.own, {}, {}
  for _, p in ipairs(parent and parent.parameter_list or {}) do
    local o = own.overrides.by[p.name]
    if o then
      o.replaces = p
      p = o
    end
    by[p.name] = p
    list[#list + 1] = p
  end
  for _, o in ipairs(own.overrides.list) do
    if not by[o.name] or by[o.name] ~= o then
      fail_at(o.file, o.line, "override_unknown", o.name, rs.extends or "-")
    end
  end
  for _, p in ipairs(own.parameters.list) do
    if by[p.name] then fail_at(p.file, p.line, "parameter_exists", p.name, rs.extends) end
    by[p.name] = p
    list[#list + 1] = p
  end
  return by, list
end

-- Indicators: the parent's less the removed ones, then this set's new ones.
local function link_indicators(rs, parent)
  local own, by, list = rs.own, {}, {}
  for _, ind in ipairs(parent and parent.indicator_list or {}) do
    if not own.removals.by[ind.code] then
      by[ind.code] = ind
      list[#list + 1] = ind
    end
  end
  for _, r in ipairs(own.removals.list) do
    if not (parent and parent.indicators[r.code]) then
      fail_at(r.file, r.line, "remove_unknown", r.code, rs.extends or "-")
    end
  end
  for _, ind in ipairs(own.indicators.list) do
    if by[ind.code] then fail_at(ind.file, ind.line, "indicator_exists", ind.code, rs.extends) end
    by[ind.code] = ind
    list[#list + 1] = ind
  end
  return by, list
end

-- Transitions, forms and lists: the parent's, in its order, each replaced in place by this
-- set's declaration of the same name; this set's new ones after them.
local function link_named(parent_list, own, key)
  local list, by = {}, {}
  for _, item in ipairs(parent_list or {}) do
    local mine = own.by[item[key]]
    list[#list + 1] = mine or item
    by[item[key]] = true
  end
  for _, item in ipairs(own.list) do
    if not by[item[key]] then list[#list + 1] = item end
  end
  return list
end

-- Every start status and class must meet a transition that needs no history, so every
-- household gets a code.
local function check_transitions(rs)
  if #rs.transitions == 0 then return end
  for _, from in ipairs(START_LIST) do
    for _, to in ipairs(CLASS_LIST) do
      local covered = false
      for _, t in ipairs(rs.transitions) do
        if t.from[from] and t.to[to] and not t.earlier then covered = true break end
      end
      if not covered then fail_meta(rs, "transition_uncovered", rs.id, from, to) end
    end
  end
end

-- Resolve 'rs' (and its ancestors first) once; 'by_id' maps ids to raw rule sets.
local function link_one(rs, by_id, visiting)
  if rs.linked then return rs end
  if visiting[rs] then fail_meta(rs, "extends_cycle", rs.id) end
  visiting[rs] = true
  local parent
  rs.chain_length = 1
  if rs.extends then
    parent = by_id[rs.extends]
    if not parent then fail_meta(rs, "extends_unknown", rs.id, rs.extends) end
    link_one(parent, by_id, visiting)
    rs.chain_length = parent.chain_length + 1
    if rs.chain_length > host.max_chain then
      fail_meta(rs, "extends_too_deep", rs.id, tostring(host.max_chain))
    end
  end
  rs.parent = parent
  rs.parameters, rs.parameter_list = link_parameters(rs, parent)
  rs.indicators, rs.indicator_list = link_indicators(rs, parent)
  rs.indicator_codes = {}
  for i, ind in ipairs(rs.indicator_list) do rs.indicator_codes[i] = ind.code end
  rs.removed = rs.own.removals.list
  rs.provisions = #rs.own.provisions.list > 0 and rs.own.provisions.list
                  or (parent and parent.provisions or {})
  rs.gaps, rs.warnings = {}, {}
  for _, g in ipairs(parent and parent.gaps or {}) do rs.gaps[#rs.gaps + 1] = g end
  for _, g in ipairs(rs.own.gaps.list) do rs.gaps[#rs.gaps + 1] = g end
  -- Warnings are part of the classification logic: a set with its own provisions keeps
  -- only its own warnings, as the parent's may read figures it changed.
  if #rs.own.provisions.list == 0 then
    for _, w in ipairs(parent and parent.warnings or {}) do rs.warnings[#rs.warnings + 1] = w end
  end
  for _, w in ipairs(rs.own.warnings.list) do rs.warnings[#rs.warnings + 1] = w end
  rs.determinations = {}
  for _, d in ipairs(parent and parent.determinations or {}) do
    rs.determinations[#rs.determinations + 1] = d
  end
  for _, d in ipairs(rs.own.determinations.list) do
    rs.determinations[#rs.determinations + 1] = d
  end
  if rs.applies == nil and parent then rs.applies = parent.applies end
  rs.transitions = link_named(parent and parent.transitions, rs.own.transitions, "code")
  rs.report_forms = link_named(parent and parent.report_forms, rs.own.forms, "id")
  rs.report_lists = link_named(parent and parent.report_lists, rs.own.lists, "id")
  check_transitions(rs)
  rs.former_town_area = rs.own_former_town_area or (parent and parent.former_town_area) or nil
  if rs.former_town_area == "recorded" then rs.former_town_area = nil end

  if #rs.indicator_list == 0 then fail_meta(rs, "no_indicators", rs.id) end
  if #rs.provisions == 0 then fail_meta(rs, "no_provisions", rs.id) end
  local gap_names = {}
  for _, g in ipairs(rs.gaps) do gap_names[g.name] = g end
  for _, p in ipairs(rs.provisions) do
    for _, gap in ipairs({ p.undetermined or false, p.note_gap or false }) do
      if gap and not gap_names[gap] then
        fail_at(p.file, p.line, "unknown_gap", p.name, gap)
      end
    end
  end
  rs.gap_by_name = gap_names
  for _, p in ipairs(rs.provisions) do check_condition_params(p.when, rs, p) end
  for _, w in ipairs(rs.warnings) do check_condition_params(w.when, rs, w) end
  for _, d in ipairs(rs.determinations) do
    check_condition_params(d.when, rs, d)
    if d.note_gap and not gap_names[d.note_gap] then
      fail_at(d.file, d.line, "unknown_gap", d.name, d.note_gap)
    end
  end

  -- 'values' is for stdlib, which never writes to it; rule functions get 'P', frozen all
  -- the way down, so a rule cannot change a figure for the households after it.
  local values, guarded = {}, {}
  for name, p in pairs(rs.parameters) do
    values[name] = p.value
    guarded[name] = type(p.value) == "table" and frozen(p.value, "area") or p.value
  end
  rs.values = values
  rs.P = frozen(guarded, "parameter")
  rs.b2_points = values.b2_points_per_indicator
  rs.linked = true
  visiting[rs] = nil
  return rs
end

-- Resolve every rule set in 'list' (the results of 'begin', after their files ran).
-- Refuses a rule set without metadata, a duplicate id, an unknown parent, a cycle, an
-- override or removal of a name the parent lacks, and a re-declaration of one it has.
-- Returns 'list' with each rule set linked, plus 'parent_id' for the C side.
function M.link(list)
  local by_id = {}
  for _, rs in ipairs(list) do
    if not rs.meta then
      fail_at(rs.dir .. "/ruleset.lua", 0, "no_ruleset_file")
    end
    local first
    for p in pairs(rs.pending) do
      if not first or p.file < first.file or (p.file == first.file and p.line < first.line) then
        first = p
      end
    end
    if first then fail_at(first.file, first.line, "definition_missing", first.keyword, first.name) end
    local other = by_id[rs.id]
    if other then fail_meta(rs, "duplicate_id", rs.id, other.file, rs.file) end
    by_id[rs.id] = rs
  end
  for _, rs in ipairs(list) do
    link_one(rs, by_id, {})
    rs.parent_id = rs.parent and rs.parent.id or nil
  end
  return list
end

return M
