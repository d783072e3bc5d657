-- rules/vn/2027-2030/ruleset.lua: the national multidimensional poverty standard of
-- Decree 351/2025/NĐ-CP for 2027-2030 (2026 keeps the 2022-2025 standard).
-- Facts: shared/domain/poverty-rules.md §5.
ruleset {
  id = "vn/2027-2030",
  version = "2027.1.0",
  jurisdiction = "VN",
  title = {
    vi = "Chuẩn nghèo đa chiều quốc gia giai đoạn 2026–2030 (chuẩn mới áp dụng từ năm 2027)",
    en = "National multidimensional poverty standard 2026–2030 (new lines from 2027)",
  },
  legal_basis = {
    "Nghị định 351/2025/NĐ-CP ngày 30/12/2025 quy định chuẩn nghèo đa chiều quốc gia giai đoạn 2026–2030", -- CONFIRMED (VNP-351; HNN-351; VNN-351)
  },
  -- New lines apply from 1 Jan 2027 (CONFIRMED); the period ends with 2030.
  in_force = { from = "2027-01-01", to = "2030-12-31" },
}
