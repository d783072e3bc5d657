-- rules/vn/2016-2020/indicators.lua: the 10 indicators of the 5 basic social services of
-- Decision 59/2015 (CONFIRMED, poverty-rules.md §1.5). Their threshold texts were not
-- read; deprivation is the answer of the household's form.

local DECISION = "Quyết định 59/2015/QĐ-TTg, Điều 2 (10 chỉ số đo lường mức độ thiếu hụt 5 dịch vụ xã hội cơ bản)"

local NOT_READ = {
  vi = "Ngưỡng thiếu hụt theo Quyết định 59/2015/QĐ-TTg; văn bản chưa được đọc và xác minh. Lấy theo câu trả lời trên phiếu.",
  en = "Deprivation threshold set by Decision 59/2015/QĐ-TTg, whose text was not read or verified. Taken from the form's answer.",
  status = UNCONFIRMED,
}

local function indicator_of(code, dimension, vi, en)
  indicator(code) {
    dimension = dimension, label = { vi = vi, en = en },
    citation = DECISION, status = CONFIRMED, threshold = NOT_READ,
  }
end

indicator_of("healthcare_access", "health", "Tiếp cận các dịch vụ y tế", "Access to health services")
indicator_of("health_insurance", "health", "Bảo hiểm y tế", "Health insurance")
indicator_of("adult_education", "education", "Trình độ giáo dục của người lớn", "Adult education")
indicator_of("child_schooling", "education", "Tình trạng đi học của trẻ em", "Child school attendance")
indicator_of("housing_quality", "housing", "Chất lượng nhà ở", "Housing quality")
indicator_of("housing_area", "housing", "Diện tích nhà ở bình quân đầu người", "Floor area per person")
indicator_of("water", "water_sanitation", "Nguồn nước sinh hoạt", "Domestic water source")
indicator_of("sanitation", "water_sanitation", "Hố xí/nhà tiêu hợp vệ sinh", "Hygienic latrine")
indicator_of("telecom", "information", "Sử dụng dịch vụ viễn thông", "Use of telecom services")
indicator_of("information_means", "information", "Tài sản phục vụ tiếp cận thông tin", "Assets for access to information")
