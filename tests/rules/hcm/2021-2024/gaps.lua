-- rules/hcm/2021-2024/gaps.lua

gap "deprivation_cutoff" {
  vi = "Số chỉ số thiếu hụt cần cho hộ nghèo theo chuẩn Thành phố chưa được xác minh (đề xuất: từ 3); hạng được xác định theo thu nhập.",
  en = "The number of deprivations the city's standard requires for poor is unverified (proposal: 3 or more); the class follows income.",
  citation = "Chương trình giảm nghèo TP.HCM 2021–2025 (poverty-rules.md §6: proposal only)",
}

gap "b1_scale" {
  vi = "Không có nguồn xác nhận thang điểm B1 tương ứng với chuẩn năm của Thành phố: hộ chỉ có điểm B1 không được phân loại theo chuẩn này.",
  en = "No source confirms a B1 scale for the city's yearly lines: a household with only a B1 score is not classified under this standard.",
  citation = "Chương trình giảm nghèo TP.HCM 2021–2025",
}

gap "effective_period" {
  vi = "Ngày có hiệu lực của Nghị quyết 13/NQ-HĐND (09/12/2020) chưa được xác minh; rasoat áp dụng chuẩn Thành phố từ 01/01/2021, đầu giai đoạn 2021–2025.",
  en = "The effective date of Resolution 13/NQ-HĐND (9 Dec 2020) is unverified; rasoat applies the city standard from 1 Jan 2021, the start of the 2021–2025 period.",
  citation = "Nghị quyết 13/NQ-HĐND của HĐND TP.HCM (poverty-rules.md §6)",
}

gap "resolution_15_2024" {
  vi = "Từ 01/10/2024 Nghị quyết 15/NQ-HĐND sửa đổi chuẩn Thành phố; các con số (chuẩn 46 triệu, mức sống trung bình 46–69 triệu đồng/người/năm) mới là đề xuất, chưa được xác minh, nên không có bộ quy tắc Thành phố sau 30/9/2024.",
  en = "From 1 Oct 2024 Resolution 15/NQ-HĐND amends the city standard; its figures (line 46 million, middle income 46–69 million VND/person/year) are reported only as a proposal, so no city rule set covers dates after 30 Sep 2024.",
  citation = "Nghị quyết 15/NQ-HĐND của HĐND TP.HCM (poverty-rules.md §6)",
}
