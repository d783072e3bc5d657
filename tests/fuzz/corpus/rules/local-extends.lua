ruleset { id = "x/1", version = "1", jurisdiction = "VN", title = { vi = "x", en = "x" },
  legal_basis = { "x" }, in_force = { from = "2031-01-01", to = "2039-12-31" } }
indicator "water" { dimension = "d", label = { vi = "a", en = "a" }, citation = "x", status = CONFIRMED }
--@ x/1/rules.lua
provision "rest" { class = "not_poor", citation = "x", status = CONFIRMED, when = always() }
--@ y/1/ruleset.lua
ruleset { id = "y/1", version = "1", jurisdiction = "62", extends = "x/1", title = { vi = "y", en = "y" },
  legal_basis = { "y" }, in_force = { from = "2031-01-01", to = "2039-12-31" }, applies = function(h) return h.area == "rural" end }
--@ y/1/classification.lua
override "dummy" { value = 1, citation = "y", status = CONFIRMED }
remove_indicator "water" { citation = "y" }
provision "lp" { class = "poor", citation = "y", status = CONFIRMED, when = always() }
