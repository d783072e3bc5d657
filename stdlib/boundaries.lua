-- stdlib/boundaries.lua: cases at every threshold of a rule set, generated from its
-- declared parameters and conditions ('rasoat test --boundaries ID').
--
-- For each comparison of a provision (fact against parameter, per area when the parameter
-- has a value per area) it builds a household that meets every other test of that
-- provision, then varies the compared fact over three neighbouring whole values around the
-- threshold (x - 1, x, x + 1). The rule says where the outcome may change: between x and
-- x + 1 for "at most" and "above", between x - 1 and x for "at least" and "below"; the
-- runner checks that it changes nowhere else. For the in-force dates it builds a household
-- on the day before and the first day, the last day and the day after.

local host = ...

local M = {}

local ARRAY = host.array_mt()
local function array(t) return setmetatable(t, ARRAY) end

-- Days since 1970-01-01 back to "YYYY-MM-DD" (Howard Hinnant's civil_from_days).
local function date_of(day)
  local z = day + 719468
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return ("%04d-%02d-%02d"):format(y, m, d)
end
M.date_of = date_of

-- The fact varied for a compared fact, and how a threshold on the compared fact maps to
-- the last value of the varied fact before the outcome may change ('last'), for 'op'.
local function last_low(op, fact, t, points)
  local scale = fact == "income_year" and 12 or (fact == "b2" and points or 1)
  if op == "at_most" or op == "above" then
    return t // scale               -- holds up to (at_most) / from the value after (above)
  end
  return -((-t) // scale) - 1       -- ceil(t / scale) - 1: at_least / below flip after it
end

local VARIED = { b1 = "b1", income = "income", income_year = "income", b2 = "deprived",
                 deprived = "deprived" }

-- Bounds on each varied fact that make every comparison in 'tests' hold for 'area';
-- nil when a test cannot be met that way (area_is another area, any_of, a function).
local function witness(rs, tests, area)
  local lo, hi, need, absent = {}, {}, {}, {}
  for _, t in ipairs(tests) do
    local op = t.op
    if op == "area_is" then
      if t.area ~= area then return nil end
    elseif op == "has" then
      need[VARIED[t.fact] or t.fact] = true
    elseif op == "lacks" then
      absent[VARIED[t.fact] or t.fact] = true
    elseif t.param then
      local f = VARIED[t.fact]
      if not f then return nil end
      local v = rs.values[t.param]
      if math.type(v) ~= "integer" then v = v[area] end
      local last = last_low(op, t.fact, v, rs.b2_points)
      if op == "at_most" or op == "below" then
        hi[f] = math.min(hi[f] or last, last)
      else
        lo[f] = math.max(lo[f] or (last + 1), last + 1)
      end
      need[f] = true
    elseif op ~= "always" and op ~= "dated_before" and op ~= "dated_from" then
      return nil
    end
  end
  local facts = {}
  for f in pairs(need) do
    if absent[f] then return nil end
    local v = lo[f] or math.max(0, hi[f] or 0)
    if v < 0 or (hi[f] and v > hi[f]) then return nil end
    facts[f] = v
  end
  if facts.deprived and facts.deprived > #rs.indicator_list then return nil end
  return facts
end

local function tests_of(p)
  if type(p.when) ~= "table" then return nil end
  if p.when.op == "all_of" then return p.when.parts end
  return { p.when }
end

-- The date a provision's dated tests allow within the rule set's period (its last day,
-- unless a dated_before asks for an earlier one).
local function date_for(rs, tests)
  local date = rs.to
  for _, t in ipairs(tests) do
    if t.op == "dated_before" then
      date = rs.from < t.date and rs.from or nil
    elseif t.op == "dated_from" and date and date < t.date then
      date = t.date
    end
  end
  return date
end

-- A household record (Lua table) with the given facts.
local function record(rs, id, date, area, facts)
  local dep = {}
  local k = facts.deprived or 0
  for i, code in ipairs(rs.indicator_codes) do dep[code] = i <= k end
  return {
    id = id, survey_date = date, area = area, size = 4, livelihood = "other",
    -- A local set's territory as a former province, which reads right on either side of
    -- the 2025 reform (docs/formats.md, "Places over time"); Hà Nội (01) for a national one.
    province = rs.jurisdiction == "VN" and "01" or nil,
    former_province = rs.jurisdiction ~= "VN" and rs.jurisdiction or nil,
    b1_score = facts.b1, income_per_capita_month = facts.income, deprivations = dep,
  }
end

-- Every threshold case of 'rs': {name, provision, param, fact, op, area, flip_after,
-- values = {x-1, x, x+1}, households = {...}} (flip_after: the index after which the
-- outcome may change).
local function threshold_cases(rs)
  local cases = array({})
  for _, p in ipairs(rs.provisions) do
    local tests = tests_of(p)
    local date = tests and date_for(rs, tests)
    local only_area
    for _, t in ipairs(tests or {}) do
      if t.op == "area_is" then only_area = t.area end
    end
    for _, t in ipairs(date and tests or {}) do
      local f = t.param and VARIED[t.fact]
      local by_area = f and math.type(rs.values[t.param]) ~= "integer"
      local areas = only_area and { only_area } or (by_area and { "rural", "urban" } or { "rural" })
      if f then
        for _, area in ipairs(areas) do
          local facts = witness(rs, tests, area)
          if facts then
            local v = rs.values[t.param]
            if by_area then v = v[area] end
            local last = last_low(t.op, t.fact, v, rs.b2_points)
            local values = array({ last - 1, last, last + 1 })
            local flip_after = 2
            if t.op == "at_least" or t.op == "below" then
              values = array({ last, last + 1, last + 2 })
              flip_after = 1
            end
            local households = array({})
            for i, x in ipairs(values) do
              if x >= 0 and not (f == "deprived" and x > #rs.indicator_list) then
                local fx = {}
                for k, val in pairs(facts) do fx[k] = val end
                fx[f] = x
                households[i] = record(rs, ("%s/%s/%s/%s/%d"):format(rs.id, p.name, t.param, area, x),
                                       date, area, fx)
              end
            end
            if #households == 3 then
              cases[#cases + 1] = {
                name = by_area and ("%s: %s %s %s (%s) = %d"):format(p.name, t.fact, t.op, t.param, area, v)
                       or ("%s: %s %s %s = %d"):format(p.name, t.fact, t.op, t.param, v),
                provision = p.name, param = t.param, fact = t.fact, varied = f, op = t.op,
                area = area, threshold = v, flip_after = flip_after, values = values,
                households = households, file = p.file, line = p.line,
              }
            end
          end
        end
      elseif t.op == "dated_before" or t.op == "dated_from" then
        -- A date in a condition is a threshold too: the day before it and the day itself.
        local area = only_area or "rural"
        local facts = witness(rs, tests, area)
        local d = host.parse_date(t.date)
        local days = t.op == "dated_before" and { d - 2, d - 1, d } or { d - 1, d, d + 1 }
        if facts then
          local values, households = array({}), array({})
          for i, day in ipairs(days) do
            values[i] = date_of(day)
            households[i] = record(rs, ("%s/%s/%s"):format(rs.id, p.name, values[i]), values[i], area, facts)
          end
          cases[#cases + 1] = {
            name = ("%s: survey_date %s %s"):format(p.name, t.op, t.date),
            provision = p.name, varied = "survey_date", op = t.op, area = area,
            flip_after = t.op == "dated_before" and 2 or 1, values = values,
            households = households, file = p.file, line = p.line,
          }
        end
      end
    end
  end
  return cases
end

-- The in-force boundaries of 'rs': the day before 'from', 'from', 'to', the day after 'to',
-- each with whether 'rs' must be chosen on it.
local function date_cases(rs)
  local from, to = host.parse_date(rs.from), host.parse_date(rs.to)
  local cases = array({})
  for _, d in ipairs({ { from - 1, false }, { from, true }, { to, true }, { to + 1, false } }) do
    local date = date_of(d[1])
    cases[#cases + 1] = {
      name = ("%s: %s %s"):format(rs.id, date, d[2] and "in force" or "not in force"),
      date = date, in_force = d[2],
      household = record(rs, rs.id .. "/date/" .. date, date, "rural",
                         { income = 100000000, deprived = 0 }),
    }
  end
  return cases
end

function M.cases(rs)
  return { ruleset = rs.id, national = rs.jurisdiction == "VN",
           thresholds = threshold_cases(rs), dates = date_cases(rs) }
end

return M
