ruleset { id = "x/1", version = "1", jurisdiction = "VN", title = { vi = "x", en = "x" },
  legal_basis = { "x" }, in_force = { from = "2031-01-01", to = "2039-12-31" } }
indicator "water" { dimension = "d", label = { vi = "a", en = "a" }, citation = "x", status = CONFIRMED }
--@ x/1/rules.lua
parameter "b1_line" { value = { rural = 140, urban = 175 }, unit = "points", citation = "x", status = CONFIRMED }
parameter "b2_points_per_indicator" { value = 10, unit = "points", citation = "x", status = CONFIRMED }
provision "p" { class = "poor", basis = "b1", citation = "x", status = CONFIRMED, when = all_of(at_most("b1", "b1_line"), at_least("b2", "b2_points_per_indicator")) }
provision "rest" { class = "not_poor", citation = "x", status = CONFIRMED, when = always() }
