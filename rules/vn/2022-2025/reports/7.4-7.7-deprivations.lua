-- rules/vn/2022-2025/reports/7.4-7.7-deprivations.lua: Mẫu 7.4–7.7, households deprived
-- in each of the 12 indicators, as counts (7.4 poor, 7.6 near-poor) and as rates of the
-- unit's poor (near-poor) households (7.5, 7.7), as data read by 'rasoat report'.
-- Layout: shared/domain/review-outputs.md §2.6 (QLGN CSTH.xlsx, labelled 7.4 and 7.5:
-- SECONDARY; 7.6 and 7.7 numbers INFERRED from RAG). The denominator of a rate is the
-- unit's poor (near-poor) households, not all households (§2.6, checked on RAG image 5).
-- Indicator names and order: the legend of CSTH.xlsx, verbatim, = Decree 07/2021's 12.

local INDICATORS = {
  { "employment", "Việc làm", "Employment" },
  { "dependents", "Người phụ thuộc trong hộ gia đình", "Dependants in the household" },
  { "nutrition", "Dinh dưỡng", "Nutrition" },
  { "health_insurance", "Bảo hiểm y tế", "Health insurance" },
  { "adult_education", "Trình độ giáo dục của người lớn", "Adult education" },
  { "child_schooling", "Tình trạng đi học của trẻ em", "Child school attendance" },
  { "housing_quality", "Chất lượng nhà ở", "Housing quality" },
  { "housing_area", "Diện tích nhà ở bình quân đầu người", "Floor area per person" },
  { "water", "Nguồn nước sinh hoạt", "Domestic water" },
  { "sanitation", "Nhà tiêu hợp vệ sinh", "Hygienic latrine" },
  { "telecom", "Sử dụng dịch vụ viễn thông", "Telecom services" },
  { "information_means", "Phương tiện phục vụ tiếp cận thông tin", "Means of access to information" },
}
local NOT_DECREASE = { except = { "died", "moved_out", "merged_out" } }

-- One form for class 'class' ("poor" / "near_poor"): counts, or rates when 'rates'.
local function deprivation_form(id, class, rates, words)
  local group = { vi = "Chỉ số thiếu hụt dịch vụ xã hội cơ bản của " .. words.vi, en = "Deprivations of " .. words.en }
  if rates then
    group = { vi = "Tỷ lệ chỉ số thiếu hụt dịch vụ xã hội cơ bản của " .. words.vi .. " (so với tổng số " .. words.vi .. ")",
              en = "Rate of deprivations of " .. words.en .. " (of all " .. words.en .. ")" }
  end
  local columns = {
    { key = "total", number = "1", label = { vi = "Tổng số " .. words.vi, en = "All " .. words.en },
      count = { class = class, change = NOT_DECREASE } },
  }
  local sum = {}
  for i, ind in ipairs(INDICATORS) do
    local code = ind[1]
    local label = { vi = ("%d. %s"):format(i, ind[2]), en = ("%d. %s"):format(i, ind[3]) }
    if rates then
      columns[#columns + 1] = { key = code .. "_count", hidden = true, label = label,
                                count = { class = class, deprived = code, change = NOT_DECREASE } }
      columns[#columns + 1] = { key = code, number = tostring(i + 1), group = group, label = label,
                                rate = { code .. "_count", "total" } }
    else
      columns[#columns + 1] = { key = code, number = tostring(i + 1), group = group, label = label,
                                count = { class = class, deprived = code, change = NOT_DECREASE } }
      sum[#sum + 1] = code
    end
  end
  local checks
  if not rates then
    columns[#columns + 1] = { key = "deprivations", number = "14", label = { vi = "Tổng số thiếu hụt", en = "All deprivations" },
                              formula = table.concat(sum, " + "), text = "14=2+...+13" }
    if class == "poor" then
      -- Every poor household lacks at least 3 indicators (Decree 07/2021 Art. 3 cl. 2 a),
      -- so the deprivations of a unit are at least 3 × its poor households (the check QLGN
      -- puts beside the form, review-outputs.md §2.6).
      checks = { { left = "deprivations", op = ">=", right = "total", times = 3,
                   label = { vi = "tổng số thiếu hụt ≥ 3 × số hộ nghèo (mỗi hộ nghèo thiếu hụt từ 3 chỉ số)",
                             en = "all deprivations ≥ 3 × poor households (each poor household lacks 3 or more)" } } }
    end
  end
  local number_status = (id == "7.4" or id == "7.5") and "" or " Số mẫu là suy luận (INFERRED)."
  local number_status_en = (id == "7.4" or id == "7.5") and "" or " The form number is INFERRED."
  report_form(id) {
    title = {
      vi = (rates and "PHÂN TÍCH TỶ LỆ CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA " or "PHÂN TÍCH CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA ") .. words.upper,
      en = (rates and "RATES OF DEPRIVATION IN BASIC SOCIAL SERVICES OF " or "DEPRIVATION IN BASIC SOCIAL SERVICES OF ") .. words.en:upper(),
    },
    citation = "Thông tư 07/2021/TT-BLĐTBXH, Phụ lục VII, Mẫu " .. id .. " (theo bản sao QLGN CSTH.xlsx; RAG ảnh 4, 5)",
    status = SECONDARY,
    note = {
      vi = "Cột theo bản sao của địa phương (SECONDARY)." .. number_status .. (rates and " Mẫu số của tỷ lệ là tổng số " .. words.vi .. " của đơn vị; làm tròn nửa lên 2 chữ số thập phân." or ""),
      en = "Columns from local copies (SECONDARY)." .. number_status_en .. (rates and " A rate's denominator is the unit's " .. words.en .. "; rounded half up to 2 decimals." or ""),
    },
    columns = columns,
    checks = checks,
  }
end

local POOR = { vi = "hộ nghèo", en = "poor households", upper = "HỘ NGHÈO" }
local NEAR = { vi = "hộ cận nghèo", en = "near-poor households", upper = "HỘ CẬN NGHÈO" }
deprivation_form("7.4", "poor", false, POOR)
deprivation_form("7.5", "poor", true, POOR)
deprivation_form("7.6", "near_poor", false, NEAR)
deprivation_form("7.7", "near_poor", true, NEAR)
