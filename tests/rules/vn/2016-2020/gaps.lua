-- rules/vn/2016-2020/gaps.lua: what the 2016-2020 method sets but no source read confirms.

gap "b1_cutoffs" {
  vi = "Chỉ các ngưỡng hộ nghèo theo điểm B1 đã được xác minh (nông thôn ≤ 120; thành thị ≤ 140, hoặc 140–175 với B2 ≥ 30). Khoảng điểm nghèo do thiếu hụt ở nông thôn và mọi ngưỡng cận nghèo theo điểm chưa được xác minh.",
  en = "Only the poor cut-offs by B1 score are verified (rural ≤ 120; urban ≤ 140, or 140–175 with B2 ≥ 30). The rural deprivation band and every near-poor cut-off by score are unverified.",
  citation = "Thông tư 17/2016/TT-BLĐTBXH, sửa đổi bởi Thông tư 14/2018/TT-BLĐTBXH (poverty-rules.md §1.5: rural partly, near-poor UNCONFIRMED)",
}

gap "b_method_before_circular_17" {
  vi = "Từ 05/01/2016 đến 14/8/2016 chuẩn nghèo của Quyết định 59/2015 đã có hiệu lực nhưng Thông tư 17/2016 (phương pháp chấm điểm B) chưa; phương pháp chấm điểm trong khoảng thời gian đó chưa được xác minh.",
  en = "From 5 Jan 2016 to 14 Aug 2016 Decision 59/2015's standard was in force but Circular 17/2016 (the B scoring method) was not yet; the scoring method for that period is unverified.",
  citation = "Thông tư 17/2016/TT-BLĐTBXH, hiệu lực 15/8/2016 (poverty-rules.md §1.5)",
}

gap "b_points_table" {
  vi = "Bảng điểm Phiếu B theo vùng (Phụ lục 3b Thông tư 17/2016) và số điểm B2 của mỗi chỉ số chưa được xác minh; rasoat nhận điểm B1 như đã ghi trên phiếu.",
  en = "The Phiếu B points tables by region (Circular 17/2016 appendix 3b) and the B2 points per indicator are unverified; rasoat takes the B1 score as recorded.",
  citation = "Thông tư 17/2016/TT-BLĐTBXH, Phụ lục 3b (poverty-rules.md §1.5)",
}

gap "deprivation_thresholds" {
  vi = "Văn bản ngưỡng thiếu hụt của 10 chỉ số chưa được đọc; rasoat lấy câu trả lời trên phiếu.",
  en = "The threshold text of the 10 indicators was not read; rasoat takes the form's answers.",
  citation = "Quyết định 59/2015/QĐ-TTg, Điều 2",
}
