-- rules/vn/2022-2025/low_income_workers.lua: low-income workers (người lao động có thu nhập
-- thấp), a determination of its own beside the household's class, added to the 2022-2025
-- standard by Decree 30/2025/NĐ-CP (poverty-rules.md §1.1, §1.4 cautions): members of a
-- household that is neither poor nor near-poor, whose average income is at most 2,250,000
-- (rural) / 3,000,000 (urban) VND per person per month. The 2025 review determines them
-- (admin-reform.md §5, "Criteria used in 2025").
--
-- The decree is of 2025 (its number), so it cannot apply to an earlier survey; its effective
-- date is not known (gap 'decree_30_effective_date'), so the result carries that gap. The
-- test is on measured income: with only a B1 score the value is null (unknown), as no B1
-- band for this line is confirmed. Its line is the parameter 'low_income_worker_line'
-- (parameters.lua).

determination "low_income_worker" {
  label = { vi = "Thành viên là người lao động có thu nhập thấp", en = "Members are low-income workers" },
  citation = "Nghị định 30/2025/NĐ-CP (thành viên hộ không nghèo, không cận nghèo; thu nhập ≤ low_income_worker_line)",
  status = CONFIRMED,
  note_gap = "decree_30_effective_date",
  from = "2025-01-01",
  unless_class = { "poor", "near_poor" },
  needs = "income",
  when = at_most("income", "low_income_worker_line"),
}
