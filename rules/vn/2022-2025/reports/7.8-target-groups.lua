-- rules/vn/2022-2025/reports/7.8-target-groups.lua: Mẫu 7.8 (as replaced by Circular
-- 02/2022), poor and near-poor households by target group, as data read by 'rasoat report'.
-- Layout: shared/domain/review-outputs.md §2.7 (RAG report 8: number INFERRED, columns
-- SECONDARY). The groups read the record's fields, kept with classify --keep: ethnicity
-- (a minority is any group other than Kinh; rule UNCONFIRMED, §6), no_labour_capacity
-- (definition UNCONFIRMED) and meritorious. "Khác = 1-2-3-4" holds only if the groups do
-- not overlap; the overlap rule is UNCONFIRMED, so the form's own formula is kept and
-- may go below zero where a household is in two groups (the note says so).

local NOT_DECREASE = { except = { "died", "moved_out", "merged_out" } }
local MINORITY = { except = { "Kinh", "" } }

local function group_columns(class, first, words)
  local g = { vi = words.vi, en = words.en }
  local n = function(k) return tostring(first + k) end
  return {
    { key = class .. "_total", number = n(0), group = g, label = { vi = "Tổng số", en = "Total" },
      count = { class = class, change = NOT_DECREASE } },
    { key = class .. "_minority", number = n(1), group = g, label = { vi = "Hộ DTTS", en = "Ethnic minority" },
      count = { class = class, ethnicity = MINORITY, change = NOT_DECREASE } },
    { key = class .. "_no_labour", number = n(2), group = g, label = { vi = "Hộ không có khả năng lao động", en = "No labour capacity" },
      count = { class = class, no_labour_capacity = true, change = NOT_DECREASE } },
    { key = class .. "_meritorious", number = n(3), group = g, label = { vi = "Hộ có người có công", en = "With a person of meritorious service" },
      count = { class = class, meritorious = true, change = NOT_DECREASE } },
    { key = class .. "_other", number = n(4), group = g, label = { vi = "Khác", en = "Other" },
      formula = ("%s_total - %s_minority - %s_no_labour - %s_meritorious"):format(class, class, class, class),
      text = ("%d=%d-%d-%d-%d"):format(first + 4, first, first + 1, first + 2, first + 3) },
  }
end

local columns = group_columns("poor", 1, { vi = "Hộ nghèo", en = "Poor households" })
for _, c in ipairs(group_columns("near_poor", 6, { vi = "Hộ cận nghèo", en = "Near-poor households" })) do
  columns[#columns + 1] = c
end

report_form "7.8" {
  title = { vi = "PHÂN TÍCH HỘ NGHÈO, HỘ CẬN NGHÈO THEO CÁC NHÓM ĐỐI TƯỢNG", en = "POOR AND NEAR-POOR HOUSEHOLDS BY TARGET GROUP" },
  citation = "Thông tư 02/2022/TT-BLĐTBXH thay thế Mẫu 7.8 Phụ lục VII Thông tư 07/2021/TT-BLĐTBXH (số mẫu suy luận; cột theo RAG báo cáo 8)",
  status = SECONDARY,
  note = {
    vi = "Số mẫu là suy luận (INFERRED); cột SECONDARY. Cần classify --keep ethnicity,no_labour_capacity,meritorious. Quy tắc khi một hộ thuộc nhiều nhóm chưa xác minh (UNCONFIRMED): cột Khác theo đúng công thức của mẫu.",
    en = "Form number INFERRED; columns SECONDARY. Needs classify --keep ethnicity,no_labour_capacity,meritorious. The rule for a household in several groups is UNCONFIRMED: 'Other' follows the form's formula.",
  },
  kinds = {
    { key = "households", label = { vi = "Hộ", en = "Households" }, measure = "households" },
    { key = "persons", label = { vi = "Nhân khẩu", en = "Persons" }, measure = "persons" },
  },
  columns = columns,
}
