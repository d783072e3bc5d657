-- rules/dongnai/2022-2025/ruleset.lua: Đồng Nai's own multidimensional poverty standard
-- for 2022-2025, a local standard beside the national one. It extends vn/2022-2025 and
-- changes only what the province changed: the income lines, the middle-income bounds and
-- the deprivation cut-off. Facts: shared/domain/poverty-rules.md §6 (kinhtedothi.vn).
ruleset {
  id = "dongnai/2022-2025",
  version = "2022.1.0",
  jurisdiction = "75",
  extends = "vn/2022-2025",
  title = {
    vi = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai giai đoạn 2022–2025",
    en = "Đồng Nai provincial multidimensional poverty standard 2022–2025",
  },
  legal_basis = {
    "Quy định chuẩn hộ nghèo đa chiều tỉnh Đồng Nai giai đoạn 2022–2025 (số hiệu văn bản chưa xác minh)", -- CONFIRMED as reported (kinhtedothi.vn)
  },
  -- The standard covers the period 2022-2025; its exact effective date is not known
  -- (gap 'effective_date').
  in_force = { from = "2022-01-01", to = "2025-12-31" },
}
