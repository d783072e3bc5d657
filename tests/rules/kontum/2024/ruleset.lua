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
    -- Number, date, subject and appendix sections as seed 003 cites them; the text itself
    -- was not read (UNCONFIRMED).
    "Nghị quyết 30/2024/NQ-HĐND ngày 17/7/2024 của HĐND tỉnh Kon Tum sửa đổi, bổ sung Nghị quyết 67/2019/NQ-HĐND ngày 30/12/2019 (Đề án cho vay tiêu dùng ủy thác qua Ngân hàng Chính sách xã hội), Phụ lục mục 2 và mục 4",
  },
  -- From the resolution's date, 17 Jul 2024 (seed 003): it cannot apply earlier. Its own
  -- effective date and end are not known (gap 'effective_period'); the seed plans the 2024
  -- review, so the set ends with 2024.
  in_force = { from = "2024-07-17", to = "2024-12-31" },
  -- Only households whose recorded livelihood is outside agriculture, forestry and fishery
  -- (seed 003: "không thuộc hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp").
  applies = function(h)
    local l = h.raw.livelihood
    return l ~= nil and l ~= "agriculture" and l ~= "forestry" and l ~= "fishery"
  end,
}
