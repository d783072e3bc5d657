-- rules/hcm/2021-2024/ruleset.lua: TP. Hồ Chí Minh's own poverty standard for 2021-2025
-- (city programme of Resolution 13/NQ-HĐND, 9 Dec 2020; Decision 995/QĐ-UBND, 2021), in
-- force until Resolution 15/NQ-HĐND amended it from 1 Oct 2024. A local standard beside
-- the national one: yearly income lines for the whole city, and its own indicator set.
-- Facts: shared/domain/poverty-rules.md §6.
ruleset {
  id = "hcm/2021-2024",
  version = "2021.1.0",
  jurisdiction = "79",
  extends = "vn/2022-2025",
  title = {
    vi = "Chuẩn nghèo đa chiều Thành phố Hồ Chí Minh giai đoạn 2021–2025 (đến 30/9/2024)",
    en = "Ho Chi Minh City multidimensional poverty standard 2021–2025 (to 30 Sep 2024)",
  },
  legal_basis = {
    "Nghị quyết 13/NQ-HĐND ngày 09/12/2020 của HĐND Thành phố Hồ Chí Minh",   -- CONFIRMED (vietnamplus; sggp)
    "Quyết định 995/QĐ-UBND năm 2021 của UBND Thành phố Hồ Chí Minh",         -- CONFIRMED (poverty-rules.md §6)
  },
  -- 2021 through 30 Sep 2024: Resolution 15/NQ-HĐND amends it from 1 Oct 2024 (CONFIRMED);
  -- the amended figures are reported only as a proposal (gap 'resolution_15_2024').
  in_force = { from = "2021-01-01", to = "2024-09-30" },
}
