-- rules/kontum/2024/classification.lua: the criteria of Resolution 30/2024 are not known,
-- so every household the standard concerns is reported as undetermined, naming the gap.
-- When the appendix is obtained, its figures go into a parameters.lua here and this
-- provision gives way to the real ones.

provision "criteria_not_obtained" {
  undetermined = "criteria",
  citation = "Nghị quyết 30/2024/NQ-HĐND tỉnh Kon Tum, Phụ lục mục 2, mục 4 (văn bản chưa có)",
  status = UNCONFIRMED,
  when = always(),
}
