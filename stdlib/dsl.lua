-- stdlib/dsl.lua: the rule-authoring language. A rule set's files are run in an
-- environment made here; they declare the rule set's metadata, its parameters, its
-- indicators, its classification provisions and its known gaps. 'finish' checks the
-- declarations and returns the rule set object that stdlib/classify.lua evaluates.
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

-- Names a rule file may read besides the declarations: the safe base functions and
-- read-only views of the safe libraries (prepared in C, see engine/sandbox.c).
local SAFE = host.safe_globals()

-- Raise a definition error located at the rule file line being run.
local function fail(key, ...)
  local file, line = host.where()
  error({ kind = "definition", key = key, args = { ... }, file = file, line = line }, 0)
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
M.frozen = frozen

local function check_text(value, field, name)
  if type(value) ~= "string" or value == "" then fail("field_text", name, field) end
end

local function check_status(value, name)
  if not STATUSES[value] then fail("bad_status", name, tostring(value)) end
end

local function check_labels(value, name)
  if type(value) ~= "table" then fail("labels", name) end
  check_text(value.vi, "vi", name)
  check_text(value.en, "en", name)
end

-- A parameter value is a whole number, or a table of whole numbers by area. Money and
-- counts are exact: a float here would let binary rounding decide a class.
local function check_value(value, name)
  if math.type(value) == "integer" then return value end
  if type(value) == "table" then
    local by_area = {}
    for _, area in ipairs(AREA_LIST) do
      if math.type(value[area]) ~= "integer" then fail("value_by_area", name, area) end
      by_area[area] = value[area]
    end
    for k in next, value do
      if not AREAS[k] then fail("value_area_key", name, tostring(k)) end
    end
    return frozen(by_area, "area")
  end
  fail("value_type", name, type(value))
end

-- Start a rule set read from 'dir'. Returns the builder and the environment its files
-- run in: the declarations below plus SAFE; any other global read or write is an error.
function M.begin(dir)
  local rs = {
    dir = dir,
    parameters = {}, parameter_list = {},
    indicators = {}, indicator_list = {},
    provisions = {},
    gaps = {},
  }

  local decl = {}

  function decl.ruleset(meta)
    if rs.meta then fail("duplicate_ruleset") end
    if type(meta) ~= "table" then fail("ruleset_table") end
    for _, f in ipairs({ "id", "version", "jurisdiction" }) do
      check_text(meta[f], f, "ruleset")
    end
    check_labels(meta.title, "ruleset.title")
    if type(meta.legal_basis) ~= "table" or #meta.legal_basis == 0 then
      fail("legal_basis")
    end
    for _, b in ipairs(meta.legal_basis) do check_text(b, "legal_basis", "ruleset") end
    local f = type(meta.in_force) == "table" and meta.in_force or {}
    local from, to = host.parse_date(f.from), host.parse_date(f.to)
    if not from or not to then fail("in_force_dates") end
    if from > to then fail("in_force_order", f.from, f.to) end
    local file, line = host.where()
    rs.meta = meta
    rs.id, rs.version, rs.jurisdiction = meta.id, meta.version, meta.jurisdiction
    rs.from, rs.to, rs.from_day, rs.to_day = f.from, f.to, from, to
    rs.file, rs.line = file, line
  end

  -- parameter "name" { value = ..., unit = ..., citation = ..., status = ... }
  function decl.parameter(name)
    check_text(name, "name", "parameter")
    return function(def)
      if rs.parameters[name] then fail("duplicate", "parameter", name) end
      if type(def) ~= "table" then fail("definition_table", "parameter", name) end
      check_text(def.unit, "unit", name)
      check_text(def.citation, "citation", name)
      check_status(def.status, name)
      if def.status == "UNCONFIRMED" then fail("unconfirmed_value", name) end
      local file, line = host.where()
      local p = {
        name = name, value = check_value(def.value, name), unit = def.unit,
        citation = def.citation, status = def.status, source = def.source, note = def.note,
        file = file, line = line,
      }
      rs.parameters[name] = p
      rs.parameter_list[#rs.parameter_list + 1] = p
    end
  end

  -- indicator "code" { dimension = ..., label = {vi=, en=}, citation = ..., status = ...,
  --                    threshold = { vi = ..., en = ..., status = ... } (optional),
  --                    derive = function(h, P) ... end (optional) }
  -- 'status' is the verification of the indicator being part of the standard; the
  -- threshold's own status says how far the wording of what counts as deprived is verified.
  function decl.indicator(code)
    check_text(code, "code", "indicator")
    return function(def)
      if rs.indicators[code] then fail("duplicate", "indicator", code) end
      if type(def) ~= "table" then fail("definition_table", "indicator", code) end
      check_text(def.dimension, "dimension", code)
      check_labels(def.label, code)
      check_text(def.citation, "citation", code)
      check_status(def.status, code)
      if def.threshold ~= nil then
        check_labels(def.threshold, code .. ".threshold")
        check_status(def.threshold.status, code .. ".threshold")
      end
      if def.derive ~= nil and type(def.derive) ~= "function" then
        fail("not_function", code, "derive")
      end
      local file, line = host.where()
      local ind = {
        code = code, dimension = def.dimension, label = def.label,
        citation = def.citation, status = def.status, threshold = def.threshold,
        derive = def.derive,
        file = file, line = line,
      }
      rs.indicators[code] = ind
      rs.indicator_list[#rs.indicator_list + 1] = ind
    end
  end

  -- provision "name" { class = ..., basis = "b1" | "income" (optional),
  --                    citation = ..., status = ...,
  --                    when = function(h, P) return <boolean> end }
  -- Provisions are tried in the order declared; the first that holds gives the class.
  function decl.provision(name)
    check_text(name, "name", "provision")
    return function(def)
      for _, p in ipairs(rs.provisions) do
        if p.name == name then fail("duplicate", "provision", name) end
      end
      if type(def) ~= "table" then fail("definition_table", "provision", name) end
      if not CLASSES[def.class] then fail("bad_class", name, tostring(def.class)) end
      if def.basis ~= nil and not BASES[def.basis] then
        fail("bad_basis", name, tostring(def.basis))
      end
      check_text(def.citation, "citation", name)
      check_status(def.status, name)
      if type(def.when) ~= "function" then fail("not_function", name, "when") end
      local file, line = host.where()
      rs.provisions[#rs.provisions + 1] = {
        name = name, class = def.class, basis = def.basis, citation = def.citation,
        status = def.status, when = def.when, file = file, line = line,
      }
    end
  end

  -- gap "name" { vi = ..., en = ..., citation = ... }: a figure the law sets but no
  -- source read confirms. It is listed, never used.
  function decl.gap(name)
    check_text(name, "name", "gap")
    return function(def)
      if type(def) ~= "table" then fail("definition_table", "gap", name) end
      check_text(def.vi, "vi", name)
      check_text(def.en, "en", name)
      check_text(def.citation, "citation", name)
      local file, line = host.where()
      rs.gaps[#rs.gaps + 1] = { name = name, vi = def.vi, en = def.en,
                                citation = def.citation, file = file, line = line }
    end
  end

  local allowed = setmetatable({
    CONFIRMED = "CONFIRMED", SECONDARY = "SECONDARY", UNCONFIRMED = "UNCONFIRMED",
  }, { __index = SAFE })
  for k, v in pairs(decl) do allowed[k] = v end

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

-- Raise a definition error located at the rule set's metadata (or its directory).
local function fail_set(rs, key, ...)
  error({ kind = "definition", key = key, args = { ... },
          file = rs.file or rs.dir, line = rs.line or 0 }, 0)
end

-- Check the declarations as a whole and return the rule set object.
function M.finish(rs)
  if not rs.meta then fail_set(rs, "no_ruleset") end
  if #rs.indicator_list == 0 then fail_set(rs, "no_indicators", rs.id) end
  if #rs.provisions == 0 then fail_set(rs, "no_provisions", rs.id) end

  local values = {}
  for name, p in pairs(rs.parameters) do values[name] = p.value end
  rs.P = frozen(values, "parameter")
  rs.b2_points = values.b2_points_per_indicator
  return rs
end

return M
