-- rules/vn/2027-2030/indicators.lua: the indicators of Decree 351/2025. Confirmed for the
-- final decree: the employment dimension (employment, dependants), the removal of the
-- information-means indicator and the addition of digital services and household waste
-- (poverty-rules.md §5, VNP-351, VNN-351). The other indicators are those of the draft,
-- which keeps the 2022-2025 structure: SECONDARY until the decree's own list is read
-- (gap 'final_indicator_list').

local DECREE = "Nghị định 351/2025/NĐ-CP (chỉ số đo lường mức độ thiếu hụt dịch vụ xã hội cơ bản)"
local DRAFT = "Dự thảo Nghị định chuẩn nghèo 2026–2030 (9–11/2025), kế thừa cơ cấu 2022–2025; danh sách cuối cùng chưa xác minh"

local NOT_READ = {
  vi = "Ngưỡng thiếu hụt chưa được đọc trong văn bản Nghị định 351/2025; lấy theo câu trả lời trên phiếu.",
  en = "The deprivation threshold was not read in the text of Decree 351/2025; taken from the form's answer.",
  status = UNCONFIRMED,
}

indicator "employment" {
  dimension = "employment", label = { vi = "Việc làm", en = "Employment" },
  citation = DECREE, status = CONFIRMED, threshold = NOT_READ,
}
indicator "dependents" {
  dimension = "employment", label = { vi = "Người phụ thuộc trong hộ gia đình", en = "Dependants in the household" },
  citation = DECREE, status = CONFIRMED, threshold = NOT_READ,
}
indicator "health_insurance" {
  dimension = "health", label = { vi = "Bảo hiểm y tế", en = "Health insurance" },
  citation = DRAFT, status = SECONDARY, threshold = NOT_READ,
}
indicator "nutrition" {
  dimension = "health", label = { vi = "Dinh dưỡng", en = "Nutrition" },
  citation = DRAFT, status = SECONDARY, threshold = NOT_READ,
}
indicator "adult_education" {
  dimension = "education", label = { vi = "Trình độ giáo dục của người lớn", en = "Adult education" },
  citation = DRAFT, status = SECONDARY, threshold = NOT_READ,
}
indicator "child_schooling" {
  dimension = "education", label = { vi = "Tình trạng đi học của trẻ em", en = "Child school attendance" },
  citation = DRAFT, status = SECONDARY, threshold = NOT_READ,
}
indicator "housing_quality" {
  dimension = "housing", label = { vi = "Chất lượng nhà ở", en = "Housing quality" },
  citation = DRAFT, status = SECONDARY, threshold = NOT_READ,
}
indicator "housing_area" {
  dimension = "housing", label = { vi = "Diện tích nhà ở bình quân đầu người", en = "Floor area per person" },
  citation = DRAFT, status = SECONDARY, threshold = NOT_READ,
}
indicator "telecom" {
  dimension = "information", label = { vi = "Sử dụng dịch vụ viễn thông", en = "Use of telecom services" },
  citation = DRAFT, status = SECONDARY, threshold = NOT_READ,
}
indicator "digital_services" {
  dimension = "information", label = { vi = "Sử dụng dịch vụ số, tiếp cận internet", en = "Use of digital services, internet access" },
  citation = DECREE .. ": bổ sung chỉ số (Văn phòng Quốc gia về giảm nghèo)", status = CONFIRMED, threshold = NOT_READ,
}
indicator "water" {
  dimension = "water_sanitation_environment", label = { vi = "Nguồn nước sinh hoạt", en = "Domestic water source" },
  citation = DRAFT, status = SECONDARY, threshold = NOT_READ,
}
indicator "sanitation" {
  dimension = "water_sanitation_environment", label = { vi = "Nhà tiêu hợp vệ sinh", en = "Hygienic latrine" },
  citation = DRAFT, status = SECONDARY, threshold = NOT_READ,
}
indicator "waste" {
  dimension = "water_sanitation_environment", label = { vi = "Xử lý rác thải sinh hoạt", en = "Household waste handling" },
  citation = DECREE .. ": bổ sung chỉ số (Văn phòng Quốc gia về giảm nghèo)", status = CONFIRMED, threshold = NOT_READ,
}
