-- rules/vn/2016-2020/ruleset.lua: the national multidimensional poverty standard of
-- Decision 59/2015/QĐ-TTg, applied 2016-2020 and kept for 2021 by Decree 07/2021/NĐ-CP
-- Art. 2. Facts: shared/domain/poverty-rules.md §1.1, §1.5.
ruleset {
  id = "vn/2016-2020",
  version = "2016.1.0",
  jurisdiction = "VN",
  title = {
    vi = "Chuẩn nghèo tiếp cận đa chiều giai đoạn 2016–2020 (áp dụng cả năm 2021)",
    en = "National multidimensional poverty standard 2016–2020 (also applied in 2021)",
  },
  legal_basis = {
    "Quyết định 59/2015/QĐ-TTg ngày 19/11/2015, Điều 2",                       -- CONFIRMED (poverty-rules.md §1.5)
    "Nghị định 07/2021/NĐ-CP, Điều 2: giữ chuẩn 2016–2020 cho năm 2021",       -- CONFIRMED (LV-ND07)
    "Thông tư 17/2016/TT-BLĐTBXH, sửa đổi bởi Thông tư 14/2018/TT-BLĐTBXH (phương pháp chấm điểm B)", -- CONFIRMED in part (§1.5)
  },
  -- Effective 5 Jan 2016 (CONFIRMED); through 2021 by Decree 07/2021 Art. 2 (CONFIRMED).
  in_force = { from = "2016-01-05", to = "2021-12-31" },
}
