-- rules/dongnai/2022-2025/gaps.lua

gap "near_poor_wording" {
  vi = "Nguồn đưa tin lặp lại \"từ 2 chỉ số\" cho hộ cận nghèo (lỗi diễn đạt); rasoat hiểu là thiếu hụt dưới 2 chỉ số, phần bù của điều kiện hộ nghèo. Cần đối chiếu văn bản gốc.",
  en = "The report repeats \"from 2 indicators\" for near-poor (a garble); rasoat reads it as fewer than 2 deprivations, the complement of the poor test. Check against the original text.",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025 (poverty-rules.md §6)",
}

gap "b1_scale" {
  vi = "Không có nguồn xác nhận thang điểm B1 tương ứng với chuẩn của tỉnh: hộ chỉ có điểm B1 không được phân loại theo chuẩn tỉnh.",
  en = "No source confirms a B1 scale for the provincial lines: a household with only a B1 score is not classified under the provincial standard.",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025",
}

gap "indicator_set" {
  vi = "Nguồn không nói tỉnh đếm số chỉ số thiếu hụt trên bộ chỉ số nào; rasoat dùng 12 chỉ số của chuẩn quốc gia 2022–2025.",
  en = "The report does not say over which indicators the province counts deprivations; rasoat uses the 12 indicators of the 2022–2025 national standard.",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025 (poverty-rules.md §6)",
}

gap "effective_date" {
  vi = "Số hiệu và ngày hiệu lực của văn bản tỉnh chưa được xác minh; rasoat áp dụng cho cả giai đoạn 2022–2025.",
  en = "The number and effective date of the provincial document are unverified; rasoat applies it to the whole 2022–2025 period.",
  citation = "Chuẩn hộ nghèo đa chiều tỉnh Đồng Nai 2022–2025",
}
