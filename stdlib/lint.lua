-- stdlib/lint.lua: the parameter-usage lint of 'rasoat check', in the rule language. A
-- parameter a rule set declares is read when the stdlib reads it, when a provision's or
-- warning's condition of the set (or of a set extending it) compares it, or when a rule
-- file of those sets names it: P.name in a function, "name" anywhere but its own
-- declaration (comments count too: better a missed warning than a false one). For an
-- override, a rule file of its parents counts as well, since their inherited functions
-- read the new value.

local host = ...

local M = {}

-- Parameters the stdlib itself reads (dsl.lua's link: the points behind h:b2() and the
-- 'b2' of every result), so they are read even when no rule file names them.
local READ_BY_STDLIB = { b2_points_per_indicator = true }

-- Does condition 'c' (a table; a function condition compares nothing) compare 'name'?
local function compares(c, name)
  if type(c) ~= "table" then return false end
  if c.param == name then return true end
  for _, part in ipairs(c.parts or {}) do
    if compares(part, name) then return true end
  end
  return false
end

local function condition_compares(rs, name)
  for _, kind in ipairs({ "provisions", "warnings" }) do
    for _, d in ipairs(rs[kind]) do
      if compares(d.when, name) then return true end
    end
  end
  return false
end

local byte, sub = string.byte, string.sub

-- The bytes of a name (letters, digits, '_'), and what may stand between a declaration's
-- keyword and its quoted name.
local NAME, BETWEEN = {}, { [32] = true, [9] = true, [40] = true }
for b = 48, 57 do NAME[b] = true end
for b = 65, 90 do NAME[b] = true end
for b = 97, 122 do NAME[b] = true end
NAME[95] = true

-- Does the whole word 'word' end at byte 'j' of 'text'?
local function word_ends_at(text, j, word)
  local k = j - #word + 1
  return k >= 1 and sub(text, k, j) == word and not NAME[byte(text, k - 1) or 0]
end

-- Is the word starting at byte 'at' of 'text' the quoted name of a declaration of its
-- own (parameter "name" {...}, override ("name") {...})?
local function is_declaration(text, at)
  local quote = byte(text, at - 1)
  if quote ~= 34 and quote ~= 39 then return false end
  local j = at - 2
  while j >= 1 and BETWEEN[byte(text, j)] do j = j - 1 end
  return word_ends_at(text, j, "parameter") or word_ends_at(text, j, "override")
end

-- The set of whole words 'text' uses other than as the name in their own declaration
-- (one pass; the rule language has no pattern functions).
local function words_used(text)
  local used, n, i = {}, #text, 1
  while i <= n do
    if NAME[byte(text, i)] then
      local j = i
      while j < n and NAME[byte(text, j + 1)] do j = j + 1 end
      if not is_declaration(text, i) then used[sub(text, i, j)] = true end
      i = j + 1
    else
      i = i + 1
    end
  end
  return used
end

-- The text of a rule set's own rule files (not its report layouts, reports/NAME.lua),
-- joined by newlines in name order. 'files' maps file name -> text.
local function own_text(files)
  local names = {}
  for name in pairs(files) do
    if sub(name, 1, 8) ~= "reports/" then names[#names + 1] = name end
  end
  table.sort(names)
  local parts = {}
  for i, name in ipairs(names) do parts[i] = files[name] end
  return table.concat(parts, "\n")
end

-- The parameters 'rs' declares that nothing reads, as a list of {name, file, line}.
-- 'sets' is every loaded rule set; 'sources[i]' the rule files of sets[i] (name -> text).
function M.unused_parameters(sets, sources, rs)
  local index_of, self = {}, nil
  for i, s in ipairs(sets) do
    index_of[s.id] = i
    if s == rs then self = i end
  end
  -- Does sets[j] extend sets[i], directly or through its parents? (Not itself; the walk
  -- is bounded by the number of sets.)
  local function extends(j, i)
    local k, steps = index_of[sets[j].parent_id], 0
    while k and steps < #sets do
      if k == i then return true end
      k, steps = index_of[sets[k].parent_id], steps + 1
    end
    return false
  end
  local words = {}
  local function words_of(j)
    words[j] = words[j] or words_used(own_text(sources[j]))
    return words[j]
  end
  local function read(name, override)
    if READ_BY_STDLIB[name] then return true end
    for j = 1, #sets do
      if (j == self or extends(j, self)) and condition_compares(sets[j], name) then return true end
    end
    for j = 1, #sets do
      if (j == self or extends(j, self) or (override and extends(self, j)))
          and words_of(j)[name] then
        return true
      end
    end
    return false
  end
  local unused = setmetatable({}, host.array_mt())
  for _, p in ipairs(rs.parameter_list) do
    if p.ruleset.id == rs.id and not read(p.name, p.replaces ~= nil) then
      unused[#unused + 1] = { name = p.name, file = p.file, line = p.line }
    end
  end
  return unused
end

return M
