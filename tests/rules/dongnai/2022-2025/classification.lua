-- rules/dongnai/2022-2025/classification.lua: Đồng Nai's classes, decided by measured
-- income (the province's lines have no confirmed B1 equivalent: gap 'b1_scale').

provision "score_without_local_scale" {
  undetermined = "b1_scale", basis = "b1",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025 (thang điểm B1 tương ứng chưa xác minh)",
  status = UNCONFIRMED,
  when = lacks("income"),
}

provision "poor" {
  class = "poor", basis = "income",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025: thu nhập ≤ 2.000.000 (nông thôn) / ≤ 2.500.000 đồng (thành thị) và thiếu hụt từ 02 chỉ số trở lên",
  status = CONFIRMED,
  when = all_of(at_most("income", "income_line"), at_least("deprived", "poor_min_deprived")),
}

-- The source repeats "từ 2 chỉ số" for near-poor, a garble; the reading "fewer than 2",
-- the complement of the poor test, is marked SECONDARY (gap 'near_poor_wording').
provision "near_poor" {
  class = "near_poor", basis = "income", note_gap = "near_poor_wording",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025: hộ cận nghèo, thu nhập ≤ chuẩn và thiếu hụt ít hơn",
  status = SECONDARY,
  when = at_most("income", "income_line"),
}

provision "middle_income" {
  class = "middle_income", basis = "income",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025: hộ có mức sống trung bình",
  status = CONFIRMED,
  when = at_most("income", "middle_income_upper"),
}

provision "not_poor" {
  class = "not_poor", basis = "income",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025: hộ không thuộc các chuẩn trên",
  status = CONFIRMED,
  when = always(),
}
