-- rules/vn/2022-2025/ruleset.lua: identity of the national multidimensional poverty
-- standard 2022-2025 (kept in force through 2026). Facts: shared/domain/poverty-rules.md §1, §2, §5.
ruleset {
  id = "vn/2022-2025",
  version = "2022.1.0",
  jurisdiction = "VN",
  title = {
    vi = "Chuẩn nghèo đa chiều quốc gia giai đoạn 2022–2025 (áp dụng đến hết năm 2026)",
    en = "National multidimensional poverty standard 2022–2025 (applied through 2026)",
  },
  legal_basis = {
    "Nghị định 07/2021/NĐ-CP ngày 27/01/2021, Điều 3",                        -- CONFIRMED (LV-ND07; TVPL-32)
    "Thông tư 07/2021/TT-BLĐTBXH ngày 18/7/2021, sửa đổi bởi Thông tư 02/2022/TT-BLĐTBXH (VBHN 1315/VBHN-BLĐTBXH)", -- CONFIRMED (TKL; GL; BTH)
    "Quyết định 24/2021/QĐ-TTg, Điều 2 khoản 2 (xác định thu nhập hộ có mức sống trung bình)", -- CONFIRMED (TVPL-D2; TVMP-24)
    "Nghị định 351/2025/NĐ-CP: giữ Điều 3 Nghị định 07/2021 đến 31/12/2026",  -- CONFIRMED (VNP-351; HNN-351)
  },
  -- Decree 07 Art. 3 applies from 2022; Decree 351/2025 keeps it for 2026. CONFIRMED.
  in_force = { from = "2022-01-01", to = "2026-12-31" },
}
