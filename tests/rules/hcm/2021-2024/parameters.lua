-- rules/hcm/2021-2024/parameters.lua: the city's lines are yearly, per person, and the
-- same for every part of the city (not split rural/urban).

override "income_line" {
  value = 36000000,
  unit = "VND/person/year",
  citation = "Nghị quyết 13/NQ-HĐND (09/12/2020), chương trình giảm nghèo TP.HCM 2021–2025: hộ nghèo có thu nhập từ 36 triệu đồng/người/năm trở xuống",
  status = CONFIRMED,
  source = "poverty-rules.md §6 (vietnamplus 198133; sggp 795692; vietnam.vn)",
}

parameter "near_poor_upper" {
  value = 46000000,
  unit = "VND/person/year",
  citation = "Nghị quyết 13/NQ-HĐND (09/12/2020): hộ cận nghèo có thu nhập trên 36 triệu đến 46 triệu đồng/người/năm",
  status = CONFIRMED,
  source = "poverty-rules.md §6 (vietnamplus 198133; sggp 795692)",
}
