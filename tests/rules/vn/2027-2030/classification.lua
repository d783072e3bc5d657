-- rules/vn/2027-2030/classification.lua: the classes of Decree 351/2025 for 2027-2030:
-- one income line per area with at least 3 deprived indicators for poor (the draft's two
-- income tiers were not kept). Only measured income decides: no scoring method for
-- 2026-2030 has been read (gap 'method_circular'), and the middle-income standard is a
-- gap too, so households over the line are not_poor with a warning.

provision "score_without_method" {
  undetermined = "method_circular",
  basis = "b1",
  citation = "Nghị định 351/2025/NĐ-CP; thông tư hướng dẫn phương pháp giai đoạn 2026–2030 chưa xác minh",
  status = UNCONFIRMED,
  when = lacks("income"),
}

provision "poor" {
  class = "poor", basis = "income",
  citation = "Nghị định 351/2025/NĐ-CP: thu nhập ≤ 2.200.000 (nông thôn) / ≤ 2.800.000 đồng (đô thị) và thiếu hụt từ 03 chỉ số trở lên",
  status = CONFIRMED,
  when = all_of(at_most("income", "income_line"), at_least("deprived", "poor_min_deprived")),
}

provision "near_poor" {
  class = "near_poor", basis = "income",
  citation = "Nghị định 351/2025/NĐ-CP: thu nhập ≤ chuẩn nghèo và thiếu hụt dưới 03 chỉ số",
  status = CONFIRMED,
  when = at_most("income", "income_line"),
}

provision "not_poor" {
  class = "not_poor", basis = "income", note_gap = "middle_income_standard",
  citation = "Nghị định 351/2025/NĐ-CP: thu nhập trên chuẩn nghèo",
  status = CONFIRMED,
  when = always(),
}
