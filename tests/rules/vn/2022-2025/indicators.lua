-- rules/vn/2022-2025/indicators.lua: the 12 indicators of the 6 dimensions (Decree 07/2021
-- Art. 3; poverty-rules.md §1.3). Deprivation is the answer of Phiếu B2 as recorded in
-- the household's 'deprivations'; each indicator's 'threshold' says how far the wording of
-- what counts as deprived has been verified. Only 'housing_area' may also be derived from
-- raw data, and only when the form leaves it unanswered.

local DECREE = "Nghị định 07/2021/NĐ-CP, Điều 3 và Phụ lục (chỉ số đo lường mức độ thiếu hụt dịch vụ xã hội cơ bản)"

local NOT_READ = {
  vi = "Ngưỡng thiếu hụt quy định tại Phụ lục Nghị định 07/2021/NĐ-CP; văn bản Phụ lục chưa được đọc và xác minh. Lấy theo câu trả lời Phiếu B2.",
  en = "Deprivation threshold set in the appendix of Decree 07/2021/NĐ-CP, whose text was not read or verified. Taken from the Phiếu B2 answer.",
  status = UNCONFIRMED,
}

indicator "employment" {
  dimension = "employment",
  label = { vi = "Việc làm", en = "Employment" },
  citation = DECREE, status = CONFIRMED,
  threshold = NOT_READ,
}

indicator "dependents" {
  dimension = "employment",
  label = { vi = "Người phụ thuộc trong hộ gia đình", en = "Dependants in the household" },
  citation = DECREE, status = CONFIRMED,
  threshold = NOT_READ,
}

indicator "nutrition" {
  dimension = "health",
  label = { vi = "Dinh dưỡng", en = "Nutrition" },
  citation = DECREE, status = CONFIRMED,
  threshold = NOT_READ,
}

indicator "health_insurance" {
  dimension = "health",
  label = { vi = "Bảo hiểm y tế", en = "Health insurance" },
  citation = DECREE, status = CONFIRMED,
  threshold = NOT_READ,
}

indicator "adult_education" {
  dimension = "education",
  label = { vi = "Trình độ giáo dục của người lớn", en = "Adult education" },
  citation = DECREE, status = CONFIRMED,
  threshold = {
    vi = "Có ít nhất 1 người từ 16 đến 30 tuổi không tham gia học tập và không có bằng cấp, chứng chỉ phù hợp độ tuổi (ghi chú thứ cấp).",
    en = "At least 1 member aged 16-30 not in training and without the diploma or certificate expected for their age (secondary note).",
    status = SECONDARY,
  },
}

indicator "child_schooling" {
  dimension = "education",
  label = { vi = "Tình trạng đi học của trẻ em", en = "Child school attendance" },
  citation = DECREE, status = CONFIRMED,
  threshold = {
    vi = "Có ít nhất 1 trẻ em từ 3 đến dưới 16 tuổi không được học đúng bậc, cấp học phù hợp độ tuổi (ghi chú thứ cấp).",
    en = "At least 1 child aged 3 to under 16 not attending the school level right for their age (secondary note).",
    status = SECONDARY,
  },
}

indicator "housing_quality" {
  dimension = "housing",
  label = { vi = "Chất lượng nhà ở", en = "Housing quality" },
  citation = DECREE, status = CONFIRMED,
  threshold = {
    vi = "Nhà ở không bền chắc: ít nhất 2 trong 3 kết cấu chính làm bằng vật liệu không bền chắc (ghi chú thứ cấp; Thông tư 01/2022/TT-BXD dùng nền-móng, khung-tường, mái).",
    en = "The dwelling is not durable: at least 2 of its 3 main structures are of non-durable materials (secondary note; Circular 01/2022/TT-BXD names foundation, frame-wall, roof).",
    status = SECONDARY,
  },
}

indicator "housing_area" {
  dimension = "housing",
  label = { vi = "Diện tích nhà ở bình quân đầu người", en = "Floor area per person" },
  citation = DECREE, status = CONFIRMED,
  threshold = {
    vi = "Diện tích nhà ở bình quân đầu người dưới 8 m² (ghi chú thứ cấp, đối chiếu Thông tư 01/2022/TT-BXD).",
    en = "Floor area under 8 m² per person (secondary note, corroborated by Circular 01/2022/TT-BXD).",
    status = SECONDARY,
  },
  -- When Phiếu B2 does not answer it: deprived when floor_area_m2 < 8 m² x members.
  -- Compared as floor area against (8 x size), never by dividing, so no rounding enters.
  derive = function(h, P)
    local area = h.raw.floor_area_m2
    if type(area) ~= "number" then return nil end
    return area < P.min_floor_area_per_person * h.size
  end,
}

indicator "water" {
  dimension = "water_sanitation",
  label = { vi = "Nguồn nước sinh hoạt", en = "Domestic water source" },
  citation = DECREE, status = CONFIRMED,
  threshold = NOT_READ,
}

indicator "sanitation" {
  dimension = "water_sanitation",
  label = { vi = "Nhà tiêu hợp vệ sinh", en = "Hygienic latrine" },
  citation = DECREE, status = CONFIRMED,
  threshold = NOT_READ,
}

indicator "telecom" {
  dimension = "information",
  label = { vi = "Sử dụng dịch vụ viễn thông", en = "Use of telecom services" },
  citation = DECREE, status = CONFIRMED,
  threshold = NOT_READ,
}

indicator "information_means" {
  dimension = "information",
  label = { vi = "Phương tiện phục vụ tiếp cận thông tin", en = "Means of access to information" },
  citation = DECREE, status = CONFIRMED,
  threshold = NOT_READ,
}
