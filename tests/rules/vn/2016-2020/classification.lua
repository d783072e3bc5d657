-- rules/vn/2016-2020/classification.lua: the classes of Decision 59/2015 Art. 2, by the
-- Phiếu B score (Circular 17/2016 as amended by 14/2018) when the record has one, else by
-- measured income. Provisions are tried top to bottom; figures are in parameters.lua.
--
-- The B-score method is confirmed only in part (poverty-rules.md §1.5): the poor cut-offs
-- (rural B1 <= 120, urban B1 <= 140) and the urban deprivation band (B1 140-175 with
-- B2 >= 30). The rural band and every near-poor cut-off are gaps, so a scored household
-- outside the confirmed poor cases is left undetermined, never guessed.

-- Circular 17/2016 took effect on 15 Aug 2016 (CONFIRMED, poverty-rules.md §1.5): before
-- that day no confirmed scoring method applies, so a scored household is undetermined.
provision "score_before_circular_17" {
  undetermined = "b_method_before_circular_17", basis = "b1",
  citation = "Thông tư 17/2016/TT-BLĐTBXH có hiệu lực từ 15/8/2016",
  status = CONFIRMED,
  when = all_of(has("b1"), dated_before("2016-08-15")),
}

provision "poor_by_score" {
  class = "poor", basis = "b1",
  citation = "Thông tư 17/2016/TT-BLĐTBXH sửa đổi bởi Thông tư 14/2018/TT-BLĐTBXH: B1 ≤ 120 (nông thôn) / ≤ 140 (thành thị) là hộ nghèo",
  status = CONFIRMED,
  when = at_most("b1", "b1_poor_line"),
}

-- Circular 17 states B2 >= 30; Decision 59 states the same test as ">= 03 deprived
-- indicators". The points per indicator of the 2016 Phiếu B were not read, so the test is
-- encoded as the count, and the equivalence is marked SECONDARY.
provision "poor_by_score_and_deprivation_urban" {
  class = "poor", basis = "b1",
  citation = "Thông tư 17/2016/TT-BLĐTBXH sửa đổi bởi Thông tư 14/2018/TT-BLĐTBXH: thành thị, B1 trên 140 đến 175 và B2 ≥ 30; Quyết định 59/2015/QĐ-TTg Điều 2: thiếu hụt từ 03 chỉ số",
  status = SECONDARY,
  when = all_of(area_is("urban"), at_most("b1", "b1_deprivation_poor_upper_urban"),
                at_least("deprived", "poor_min_deprived")),
}

provision "score_outside_confirmed_cutoffs" {
  undetermined = "b1_cutoffs",
  basis = "b1",
  citation = "Thông tư 17/2016/TT-BLĐTBXH sửa đổi bởi Thông tư 14/2018/TT-BLĐTBXH (các ngưỡng còn lại chưa xác minh)",
  status = UNCONFIRMED,
  when = has("b1"),
}

provision "poor_by_income" {
  class = "poor", basis = "income",
  citation = "Quyết định 59/2015/QĐ-TTg, Điều 2 khoản 1 điểm a (i) / khoản 2 điểm a (i): thu nhập ≤ 700.000 (nông thôn) / ≤ 900.000 đồng (thành thị)",
  status = CONFIRMED,
  when = at_most("income", "poverty_line"),
}

provision "poor_by_income_and_deprivation" {
  class = "poor", basis = "income",
  citation = "Quyết định 59/2015/QĐ-TTg, Điều 2 (ii): thu nhập trên chuẩn nghèo đến 1.000.000 / 1.300.000 đồng và thiếu hụt từ 03 chỉ số trở lên",
  status = CONFIRMED,
  when = all_of(at_most("income", "near_poverty_line"), at_least("deprived", "poor_min_deprived")),
}

provision "near_poor_by_income" {
  class = "near_poor", basis = "income",
  citation = "Quyết định 59/2015/QĐ-TTg, Điều 2: thu nhập trên chuẩn nghèo đến chuẩn cận nghèo và thiếu hụt dưới 03 chỉ số",
  status = CONFIRMED,
  when = at_most("income", "near_poverty_line"),
}

provision "middle_income" {
  class = "middle_income", basis = "income",
  citation = "Quyết định 59/2015/QĐ-TTg (mức sống trung bình: trên 1.000.000 đến 1.500.000 nông thôn; trên 1.300.000 đến 1.950.000 đồng thành thị)",
  status = CONFIRMED,
  when = at_most("income", "middle_income_upper"),
}

provision "not_poor" {
  class = "not_poor", basis = "income",
  citation = "Quyết định 59/2015/QĐ-TTg, Điều 2: hộ không thuộc các chuẩn trên",
  status = CONFIRMED,
  when = always(),
}
