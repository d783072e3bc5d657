-- rules/vn/2022-2025/reports/7.11-children.lua: Mẫu 7.11, deprivations of the children of
-- poor and near-poor households, as data read by 'rasoat report'.
-- Layout: shared/domain/review-outputs.md §2.10 (RAG report 11: number INFERRED, columns
-- SECONDARY). The unit is children (persons). The labels of the two "Y tế" sub-columns
-- were not read; nutrition and health insurance are the likely ones (UNCONFIRMED).
-- A child is a member younger than 'child_age_below' years: "children under 16" is the
-- wording of the nutrition and school-attendance indicators as far as read
-- (shared/domain/poverty-rules.md §1.3, SECONDARY). Children are counted from the
-- record's members (classify --keep members). Deprivations are the household's answers
-- (Phiếu B2), so a cell counts the children of households deprived in that indicator,
-- not children found deprived one by one: INFERRED, and the note says so.

local NOT_DECREASE = { except = { "died", "moved_out", "merged_out" } }

local function children_columns(class, first, words)
  local g = { vi = "Chỉ số thiếu hụt về trẻ em thuộc " .. words.vi, en = "Deprivations of children of " .. words.en }
  local n = function(k) return tostring(first + k) end
  return {
    { key = class .. "_children", number = n(0), group = g, label = { vi = "Tổng số trẻ em", en = "All children" },
      count = { class = class, change = NOT_DECREASE } },
    { key = class .. "_nutrition", number = n(1), group = g, label = { vi = "Y tế: dinh dưỡng", en = "Health: nutrition" },
      count = { class = class, deprived = "nutrition", change = NOT_DECREASE } },
    { key = class .. "_health_insurance", number = n(2), group = g, label = { vi = "Y tế: bảo hiểm y tế", en = "Health: health insurance" },
      count = { class = class, deprived = "health_insurance", change = NOT_DECREASE } },
    { key = class .. "_schooling", number = n(3), group = g, label = { vi = "Giáo dục", en = "Education" },
      count = { class = class, deprived = "child_schooling", change = NOT_DECREASE } },
  }
end

local columns = children_columns("poor", 1, { vi = "hộ nghèo", en = "poor households" })
for _, c in ipairs(children_columns("near_poor", 5, { vi = "hộ cận nghèo", en = "near-poor households" })) do
  columns[#columns + 1] = c
end

report_form "7.11" {
  title = { vi = "TỔNG HỢP CHỈ TIÊU THIẾU HỤT CỦA TRẺ EM THUỘC HỘ NGHÈO, HỘ CẬN NGHÈO", en = "DEPRIVATIONS OF CHILDREN OF POOR AND NEAR-POOR HOUSEHOLDS" },
  citation = "Thông tư 07/2021/TT-BLĐTBXH, Phụ lục VII, Mẫu 7.11 (số mẫu suy luận; cột theo RAG báo cáo 11)",
  status = SECONDARY,
  note = {
    vi = "Số mẫu là suy luận (INFERRED); cột SECONDARY; tên hai cột Y tế chưa xác minh (UNCONFIRMED). Trẻ em là thành viên dưới 16 tuổi; mỗi ô đếm trẻ em của các hộ thiếu hụt chỉ số đó (theo Phiếu B2 của hộ). Cần classify --keep members.",
    en = "Form number INFERRED; columns SECONDARY; the two health sub-columns are UNCONFIRMED. A child is a member under 16; each cell counts the children of households deprived in that indicator (the household's Phiếu B2). Needs classify --keep members.",
  },
  child_age_below = 16,
  kinds = { { key = "children", label = { vi = "Trẻ em", en = "Children" }, measure = "children" } },
  columns = columns,
}
