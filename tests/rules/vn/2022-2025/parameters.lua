-- rules/vn/2022-2025/parameters.lua: every figure of the 2022-2025 standard, each with
-- its legal citation, its verification status and where it was read (the source keys of
-- shared/domain/poverty-rules.md). To change a threshold, change its 'value' here; the
-- provisions in classification.lua read these names and hold no figures of their own.

parameter "income_line" {
  value = { rural = 1500000, urban = 2000000 },
  unit = "VND/person/month",
  citation = "Nghị định 07/2021/NĐ-CP, Điều 3 (tiêu chí thu nhập; chuẩn hộ nghèo, hộ cận nghèo khoản 2 điểm a, b)",
  status = CONFIRMED,
  source = "poverty-rules.md §1.2, §1.4 (LV-ND07; VLM; VNN-07; TVPL-32)",
}

parameter "middle_income_upper" {
  value = { rural = 2250000, urban = 3000000 },
  unit = "VND/person/month",
  citation = "Nghị định 07/2021/NĐ-CP, Điều 3 khoản 2 điểm c (hộ có mức sống trung bình: trên chuẩn nghèo đến mức này)",
  status = CONFIRMED,
  source = "poverty-rules.md §1.4 (TVPL-32; VNE-07; TVMP-6)",
}

parameter "b1_line" {
  value = { rural = 140, urban = 175 },
  unit = "points (Phiếu B1 / điểm A)",
  citation = "Thông tư 07/2021/TT-BLĐTBXH (sửa đổi bởi Thông tư 02/2022/TT-BLĐTBXH), phương pháp rà soát: 140 điểm ứng với 1.500.000 đồng (nông thôn), 175 điểm ứng với 2.000.000 đồng (thành thị)",
  status = CONFIRMED,
  source = "poverty-rules.md §2.3 (TKL; DB; LHS); seed 003 §II.3",
}

parameter "b2_points_per_indicator" {
  value = 10,
  unit = "points per deprived indicator (Phiếu B2 / điểm B)",
  citation = "Thông tư 07/2021/TT-BLĐTBXH, phương pháp rà soát: mỗi chỉ số thiếu hụt 10 điểm (tối đa 120)",
  status = CONFIRMED,
  source = "poverty-rules.md §2.3, §2.6 (TKL; DB; LHS)",
}

parameter "poor_min_b2" {
  value = 30,
  unit = "points (Phiếu B2), i.e. 3 deprived indicators",
  citation = "Nghị định 07/2021/NĐ-CP, Điều 3 khoản 2 điểm a (thiếu hụt từ 03 chỉ số trở lên); Thông tư 07/2021/TT-BLĐTBXH (điểm B ≥ 30)",
  status = CONFIRMED,
  source = "poverty-rules.md §1.4, §2.3 (TVPL-32; TKL; DB; LHS); seed 003 §II.3",
}

parameter "min_floor_area_per_person" {
  value = 8,
  unit = "m² per person",
  citation = "Nghị định 07/2021/NĐ-CP, Phụ lục (chỉ số diện tích nhà ở bình quân đầu người); đối chiếu Thông tư 01/2022/TT-BXD",
  status = SECONDARY,
  source = "poverty-rules.md §1.3 row 8 (SECONDARY note; corroborated by Circular 01/2022/TT-BXD); the decree's appendix itself was not read",
  note = "Used only to derive 'housing_area' from floor_area_m2 when the form leaves it unanswered.",
}
