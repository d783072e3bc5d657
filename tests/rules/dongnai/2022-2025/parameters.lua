-- rules/dongnai/2022-2025/parameters.lua: what Đồng Nai sets differently from the national
-- standard. Everything not named here is inherited from vn/2022-2025.

override "income_line" {
  value = { rural = 2000000, urban = 2500000 },
  unit = "VND/person/month",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025: nông thôn 2.000.000 đồng, thành thị 2.500.000 đồng/người/tháng",
  status = CONFIRMED,
  source = "poverty-rules.md §6 (https://kinhtedothi.vn/dong-nai-ban-hanh-quy-dinh-chuan-ho-ngheo-da-chieu-giai-doan-2022-2025.html)",
}

override "middle_income_upper" {
  value = { rural = 3000000, urban = 3750000 },
  unit = "VND/person/month",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025: hộ có mức sống trung bình, nông thôn trên 2.000.000 đến 3.000.000 đồng, thành thị trên 2.500.000 đến 3.750.000 đồng",
  status = CONFIRMED,
  source = "poverty-rules.md §6 (kinhtedothi.vn)",
}

parameter "poor_min_deprived" {
  value = 2,
  unit = "deprived indicators",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025: hộ nghèo khi thu nhập ≤ chuẩn và thiếu hụt từ 02 chỉ số trở lên",
  status = CONFIRMED,
  source = "poverty-rules.md §6 (kinhtedothi.vn)",
}
