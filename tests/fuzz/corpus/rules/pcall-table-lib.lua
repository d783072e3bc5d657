ruleset { id = "x/1", version = "1", jurisdiction = "VN", title = { vi = "x", en = "x" },
  legal_basis = { "x" }, in_force = { from = "2031-01-01", to = "2039-12-31" } }
indicator "water" { dimension = "d", label = { vi = "a", en = "a" }, citation = "x", status = CONFIRMED }
--@ x/1/rules.lua
provision "p" { class = "poor", citation = "x", status = CONFIRMED, when = function(h) local ok = pcall(function() error({ code = 1 }) end) local t = { 3, 1, 2 } table.sort(t) return not ok and t[1] == 1 and select("#", table.unpack(t)) == 3 end }
provision "rest" { class = "not_poor", citation = "x", status = CONFIRMED, when = always() }
