-- rules/vn/2027-2030/gaps.lua: what Decree 351/2025 sets but no source read confirms.

gap "middle_income_standard" {
  vi = "Chuẩn hộ có mức sống trung bình giai đoạn 2027–2030 chưa được xác minh: hộ trên chuẩn nghèo được ghi là not_poor, chưa xác định có thuộc mức sống trung bình hay không.",
  en = "The 2027–2030 middle-income standard is unverified: a household over the poverty line is reported not_poor without deciding whether it is middle income.",
  citation = "Nghị định 351/2025/NĐ-CP (poverty-rules.md §5: UNCONFIRMED)",
}

gap "method_circular" {
  vi = "Chưa có thông tư hướng dẫn phương pháp rà soát (chấm điểm B1/B2) giai đoạn 2026–2030 được xác minh: hộ chỉ có điểm B1 không được phân loại theo chuẩn này.",
  en = "No method circular (B1/B2 scoring) for 2026–2030 is verified: a household with only a B1 score is not classified under this standard.",
  citation = "Nghị định 351/2025/NĐ-CP; thông tư của Bộ Nông nghiệp và Môi trường (poverty-rules.md §5: UNCONFIRMED)",
}

gap "final_indicator_list" {
  vi = "Danh sách chỉ số cuối cùng của Nghị định 351/2025 chưa được đọc: ngoài việc làm, người phụ thuộc, dịch vụ số và rác thải (đã xác minh), các chỉ số lấy theo dự thảo.",
  en = "The final indicator list of Decree 351/2025 was not read: besides employment, dependants, digital services and waste (verified), the indicators follow the draft.",
  citation = "Nghị định 351/2025/NĐ-CP (poverty-rules.md §5: partly CONFIRMED)",
}

gap "deprivation_thresholds" {
  vi = "Ngưỡng thiếu hụt của từng chỉ số trong Nghị định 351/2025 chưa được đọc; rasoat lấy câu trả lời trên phiếu.",
  en = "The deprivation threshold of each indicator in Decree 351/2025 was not read; rasoat takes the form's answers.",
  citation = "Nghị định 351/2025/NĐ-CP",
}
