-- rules/kontum/2024/ruleset.lua: Kon Tum's standard for middle-income households NOT in
-- agriculture, forestry or fishery (Resolution 30/2024/NQ-HĐND amending 67/2019), used for
-- the provincial consumer-lending scheme through the Social Policy Bank. Facts: seed
-- 003_f7a2329e0d3f4d83.txt §I.1, §II.3-4; shared/domain/poverty-rules.md §4.
--
-- What is known: who it is for and where its criteria are (the appendix of the resolution,
-- sections 2 and 4). What is not: the criteria themselves (UNCONFIRMED). So the rule set
-- selects the households it concerns and reports, for each, that the class waits on the
-- resolution's text (gap 'criteria'), beside their national class.
ruleset {
  id = "kontum/2024",
  version = "2024.1.0",
  jurisdiction = "62",
  extends = "vn/2022-2025",
  title = {
    vi = "Hộ có mức sống trung bình không thuộc hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp — tỉnh Kon Tum (Nghị quyết 30/2024/NQ-HĐND)",
    en = "Middle-income households not in agriculture, forestry or fishery — Kon Tum province (Resolution 30/2024/NQ-HĐND)",
  },
  legal_basis = {
    "Nghị quyết 30/2024/NQ-HĐND tỉnh Kon Tum sửa đổi Nghị quyết 67/2019/NQ-HĐND, Phụ lục mục 2 và mục 4", -- stated by seed 003; text UNCONFIRMED
  },
  -- The seed is the plan of the 2024 review; the resolution's own dates are a gap.
  in_force = { from = "2024-01-01", to = "2024-12-31" },
  -- Only households whose recorded livelihood is outside agriculture, forestry and fishery
  -- (seed 003: "không thuộc hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp").
  applies = function(h)
    local l = h.raw.livelihood
    return l ~= nil and l ~= "agriculture" and l ~= "forestry" and l ~= "fishery"
  end,
}
