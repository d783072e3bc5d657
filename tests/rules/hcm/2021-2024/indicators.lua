-- rules/hcm/2021-2024/indicators.lua: the city's 10 indicators are 9 of the national 12
-- plus social insurance; the hygienic latrine, telecom and information-means indicators
-- were dropped as already achieved (poverty-rules.md §6, vietnam.vn).

local DROPPED = "Chương trình giảm nghèo TP.HCM 2021–2025: bỏ chỉ số đã đạt (nhà tiêu hợp vệ sinh, viễn thông, phương tiện tiếp cận thông tin)"

remove_indicator "sanitation" { citation = DROPPED, status = CONFIRMED }
remove_indicator "telecom" { citation = DROPPED, status = CONFIRMED }
remove_indicator "information_means" { citation = DROPPED, status = CONFIRMED }

indicator "social_insurance" {
  dimension = "social_insurance",
  label = { vi = "Bảo hiểm xã hội", en = "Social insurance" },
  citation = "Chương trình giảm nghèo TP.HCM 2021–2025 (Nghị quyết 13/NQ-HĐND): chỉ số bảo hiểm xã hội",
  status = CONFIRMED,
  threshold = {
    vi = "Ngưỡng thiếu hụt của chỉ số bảo hiểm xã hội chưa được đọc; lấy theo câu trả lời trên phiếu.",
    en = "The deprivation threshold of the social-insurance indicator was not read; taken from the form's answer.",
    status = UNCONFIRMED,
  },
}
