-- rules/kontum/2024/gaps.lua

gap "criteria" {
  vi = "Tiêu chí hộ có mức sống trung bình không thuộc hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp nằm ở Phụ lục (mục 2, mục 4) Nghị quyết 30/2024/NQ-HĐND tỉnh Kon Tum; văn bản này chưa được tìm thấy.",
  en = "The criteria for middle-income households not in agriculture, forestry or fishery are in the appendix (sections 2 and 4) of Kon Tum Resolution 30/2024/NQ-HĐND, whose text has not been found.",
  citation = "Nghị quyết 30/2024/NQ-HĐND tỉnh Kon Tum (seed 003; poverty-rules.md §4: UNCONFIRMED)",
}

gap "effective_period" {
  vi = "Nghị quyết 30/2024/NQ-HĐND ngày 17/7/2024 (theo kế hoạch rà soát của xã); ngày có hiệu lực và thời hạn áp dụng chưa được xác minh: rasoat áp dụng từ 17/7/2024 đến hết đợt rà soát năm 2024.",
  en = "Resolution 30/2024/NQ-HĐND is dated 17 Jul 2024 (per the commune's review plan); its effective date and period are unverified: rasoat applies it from 17 Jul 2024 to the end of the 2024 review.",
  citation = "Nghị quyết 30/2024/NQ-HĐND tỉnh Kon Tum",
}
