-- stdlib/classify.lua: evaluate one household under one rule set.
--
-- The C side has already checked the household record's contract fields and passes the
-- few facts every rule set reads (area, size, B1 score, measured income) as arguments,
-- with 'view', a read-only window on the whole record (engine/json_view.c), for anything
-- else. No Lua table is built from the record: rules read only the fields they use.
--
-- Failures that are the household's fault are raised as {kind=, key=, field=, args=}
-- tables; anything else a rule raises is reported by C as a rule error with its file:line.

local host = ...

local answer = host.answer                 -- answer(view, code) -> true | false | nil
local answer_count = host.answer_count     -- answer_count(view) -> entries in deprivations
local unknown_answers = host.unknown_answers

local M = {}

-- The household as rule functions see it: h.area, h.size, h.b1, h.income, h.raw (the
-- view) and the methods below. One small table per household.
local Household = {}
Household.__index = Household
Household.__metatable = false

local function input_error(key, field, ...)
  error({ kind = key, key = key, field = field, args = { ... } }, 0)
end

-- Decide every indicator of the rule set once: the form's answer when given, else the
-- indicator's own derivation from raw data, else nil. Returns the list of deprived codes
-- and how many came from the form, or nil and the first indicator left undecided.
local function decide_all(h)
  local deprived, answered = {}, 0
  for _, ind in ipairs(h.rs.indicator_list) do
    local d = answer(h.raw, ind.code)
    if d ~= nil then
      answered = answered + 1
    elseif ind.derive then
      d = ind.derive(h, h.rs.P)
      if d ~= nil and type(d) ~= "boolean" then
        error(("indicator '%s': derive returned %s, expected boolean or nil")
              :format(ind.code, type(d)))
      end
    end
    if d == nil then return nil, ind.code end
    if d then deprived[#deprived + 1] = ind.code end
  end
  return deprived, answered
end

-- The codes of the deprived indicators, in the rule set's order. Raises an input error
-- naming the first indicator the record neither answers nor lets the rules derive.
function Household:deprived()
  local d = self._deprived
  if d == nil then
    local answered
    d, answered = decide_all(self)
    if d == nil then
      input_error("missing_indicator", "deprivations." .. answered, answered)
    end
    self._deprived, self._answered = d, answered
  end
  return d
end

-- The number of deprived indicators.
function Household:deprived_count()
  return #self:deprived()
end

-- The deprivation score (Phiếu B2): points per deprived indicator, from the rule set's
-- 'b2_points_per_indicator' parameter.
function Household:b2()
  local points = self.rs.b2_points
  if points == nil then
    error("rule set has no 'b2_points_per_indicator' parameter; use h:deprived_count()", 2)
  end
  return #self:deprived() * points
end

-- Run the provisions of 'rs' for one household. Returns, in order: class, the name of the
-- provision that decided, its basis ("b1", "income" or nil), the record's B1 score (or nil),
-- the B2 score (or nil when not computable), the deprived codes (or nil when the form is
-- incomplete and the class did not need it), and a list of warnings (or nil).
function M.evaluate(rs, view, area, size, b1, income)
  local h = setmetatable({ rs = rs, raw = view, area = area, size = size,
                           b1 = b1, income = income }, Household)
  local P = rs.P
  local decided
  for _, p in ipairs(rs.provisions) do
    local holds = p.when(h, P)
    if type(holds) ~= "boolean" then
      error(("provision '%s': 'when' returned %s, expected boolean"):format(p.name, type(holds)))
    end
    if holds then decided = p break end
  end
  if not decided then
    error(("rule set '%s': no provision decided this household"):format(rs.id))
  end

  local warnings
  local deprived, answered = h._deprived, h._answered
  if deprived == nil then
    deprived, answered = decide_all(h)   -- reported when complete; not needed for this class
  end
  -- Look for answers the rule set does not use only when the form holds more entries
  -- than the rule set took from it (the common case costs one count).
  local extra = (not deprived or answer_count(view) > answered)
                and unknown_answers(view, rs.indicators)
  if extra then
    warnings = {}
    for i, code in ipairs(extra) do
      warnings[i] = { kind = "ignored_answer", key = "ignored_answer",
                      field = "deprivations." .. code, args = { code, rs.id } }
    end
  end

  local b2 = deprived and rs.b2_points and #deprived * rs.b2_points or nil
  return decided.class, decided.name, decided.basis, b1, b2, deprived, warnings
end

return M
