-- rules/vn/2016-2020/parameters.lua: the figures of Decision 59/2015 and of the B-score
-- method of Circular 17/2016 (as amended by 14/2018), each with citation and status.
-- Only what poverty-rules.md §1.5 confirms is here; the rest is in gaps.lua.

parameter "poverty_line" {
  value = { rural = 700000, urban = 900000 },
  unit = "VND/person/month",
  citation = "Quyết định 59/2015/QĐ-TTg, Điều 2 khoản 1 (chuẩn nghèo)",
  status = CONFIRMED,
  source = "poverty-rules.md §1.5 (thuvienphapluat 59/2015; luatvn.net)",
}

parameter "near_poverty_line" {
  value = { rural = 1000000, urban = 1300000 },
  unit = "VND/person/month",
  citation = "Quyết định 59/2015/QĐ-TTg, Điều 2 khoản 1 (chuẩn cận nghèo) và khoản 2",
  status = CONFIRMED,
  source = "poverty-rules.md §1.5 (thuvienphapluat 59/2015; baovinhlong)",
}

parameter "poor_min_deprived" {
  value = 3,
  unit = "deprived indicators",
  citation = "Quyết định 59/2015/QĐ-TTg, Điều 2 khoản 2: thiếu hụt từ 03 chỉ số trở lên",
  status = CONFIRMED,
  source = "poverty-rules.md §1.5 (verbatim quote of Art. 2)",
}

parameter "middle_income_upper" {
  value = { rural = 1500000, urban = 1950000 },
  unit = "VND/person/month",
  citation = "Quyết định 59/2015/QĐ-TTg (hộ có mức sống trung bình: 1.000.000–1.500.000 nông thôn; 1.300.000–1.950.000 thành thị)",
  status = CONFIRMED,
  source = "poverty-rules.md §1.5 (VNA via vietnamnet)",
  note = "The band is read as above the near-poverty line up to this bound, as the near-poor band is '> 700,000 to 1,000,000'.",
}

parameter "b1_poor_line" {
  value = { rural = 120, urban = 140 },
  unit = "points (Phiếu B, điểm B1)",
  citation = "Thông tư 17/2016/TT-BLĐTBXH sửa đổi bởi Thông tư 14/2018/TT-BLĐTBXH: hộ nghèo khi B1 ≤ 120 (nông thôn) / ≤ 140 (thành thị)",
  status = CONFIRMED,
  source = "poverty-rules.md §1.5 (thukyluat 39226)",
}

parameter "b1_deprivation_poor_upper_urban" {
  value = 175,
  unit = "points (Phiếu B, điểm B1), urban",
  citation = "Thông tư 17/2016/TT-BLĐTBXH sửa đổi bởi Thông tư 14/2018/TT-BLĐTBXH: thành thị, B1 trên 140 đến 175 và B2 ≥ 30",
  status = CONFIRMED,
  source = "poverty-rules.md §1.5 (thukyluat 39226)",
}
