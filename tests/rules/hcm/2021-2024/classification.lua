-- rules/hcm/2021-2024/classification.lua: the city's classes by yearly income per person
-- (the fact income_year is income_per_capita_month x 12, in whole VND).
-- The deprivation cut-off of the city's standard is not confirmed (a proposal said >= 3),
-- so the class follows income alone and says so (gap 'deprivation_cutoff').

provision "score_without_local_scale" {
  undetermined = "b1_scale", basis = "b1",
  citation = "Chương trình giảm nghèo TP.HCM 2021–2025 (thang điểm B1 tương ứng chưa xác minh)",
  status = UNCONFIRMED,
  when = lacks("income"),
}

provision "poor" {
  class = "poor", basis = "income", note_gap = "deprivation_cutoff",
  citation = "Nghị quyết 13/NQ-HĐND (09/12/2020): thu nhập ≤ 36.000.000 đồng/người/năm",
  status = CONFIRMED,
  when = at_most("income_year", "income_line"),
}

provision "near_poor" {
  class = "near_poor", basis = "income", note_gap = "deprivation_cutoff",
  citation = "Nghị quyết 13/NQ-HĐND (09/12/2020): thu nhập trên 36.000.000 đến 46.000.000 đồng/người/năm",
  status = CONFIRMED,
  when = at_most("income_year", "near_poor_upper"),
}

provision "not_poor" {
  class = "not_poor", basis = "income",
  citation = "Nghị quyết 13/NQ-HĐND (09/12/2020): thoát nghèo, cận nghèo khi thu nhập trên 46.000.000 đồng/người/năm",
  status = CONFIRMED,
  when = always(),
}
