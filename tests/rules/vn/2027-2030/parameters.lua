-- rules/vn/2027-2030/parameters.lua: the figures of Decree 351/2025 for 2027-2030.

parameter "income_line" {
  value = { rural = 2200000, urban = 2800000 },
  unit = "VND/person/month",
  citation = "Nghị định 351/2025/NĐ-CP: chuẩn nghèo giai đoạn 2027–2030, nông thôn 2.200.000 đồng, đô thị 2.800.000 đồng/người/tháng",
  status = CONFIRMED,
  source = "poverty-rules.md §5 (VNP-351; HNN-351; VNN-351)",
}

parameter "poor_min_deprived" {
  value = 3,
  unit = "deprived indicators",
  citation = "Nghị định 351/2025/NĐ-CP: hộ nghèo khi thu nhập ≤ chuẩn và thiếu hụt từ 03 chỉ số trở lên",
  status = CONFIRMED,
  source = "poverty-rules.md §5 (HNN-351; VNN-351)",
}
