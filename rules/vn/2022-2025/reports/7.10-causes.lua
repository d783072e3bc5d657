-- rules/vn/2022-2025/reports/7.10-causes.lua: Mẫu 7.10 (as replaced by Circular 02/2022),
-- poor and near-poor households by cause of poverty, as data read by 'rasoat report'.
-- Layout: shared/domain/review-outputs.md §2.9 (QLGN mau17.xlsx, labelled 7.10:
-- SECONDARY): the 8 causes verbatim; rows split into "- Hộ nghèo" / "- Hộ cận nghèo".
-- Causes are the record's 'poverty_causes' list. Whether a household may give several
-- causes is UNCONFIRMED: a household is counted under each cause it gives, so the
-- columns may add up to more than the households.

local NOT_DECREASE = { except = { "died", "moved_out", "merged_out" } }
local CAUSES = {
  { "no_land", "Không có đất sản xuất", "No land for production" },
  { "no_capital", "Không có vốn sản xuất, kinh doanh", "No capital" },
  { "no_labour", "Không có lao động", "No labour" },
  { "no_tools", "Không có công cụ/ phương tiện sản xuất", "No tools or means of production" },
  { "no_knowledge", "Không có kiến thức về sản xuất", "No production knowledge" },
  { "no_skills", "Không có kỹ năng lao động, sản xuất", "No work or production skills" },
  { "illness", "Có người ốm đau, bệnh nặng, tai nạn...", "A member ill, seriously ill or injured" },
  { "other", "Nguyên nhân khác (ghi rõ)", "Other cause" },
}
local columns = {}
for i, c in ipairs(CAUSES) do
  columns[i] = { key = c[1], number = tostring(i), group = { vi = "Nguyên nhân nghèo, cận nghèo", en = "Causes of poverty" },
                 label = { vi = c[2], en = c[3] }, count = { poverty_causes = c[1] } }
end

report_form "7.10" {
  title = { vi = "PHÂN TÍCH HỘ NGHÈO, HỘ CẬN NGHÈO THEO CÁC NGUYÊN NHÂN NGHÈO", en = "POOR AND NEAR-POOR HOUSEHOLDS BY CAUSE OF POVERTY" },
  citation = "Thông tư 02/2022/TT-BLĐTBXH thay thế Mẫu 7.10 Phụ lục VII Thông tư 07/2021/TT-BLĐTBXH (theo bản sao QLGN mau17.xlsx \"Theo mẫu 7.10\")",
  status = SECONDARY,
  note = {
    vi = "Cột SECONDARY. Một hộ có thể nêu nhiều nguyên nhân (chưa xác minh, UNCONFIRMED): hộ được đếm ở mỗi nguyên nhân đã nêu. Cần classify --keep poverty_causes.",
    en = "Columns SECONDARY. A household may give several causes (UNCONFIRMED): it is counted under each cause it gives. Needs classify --keep poverty_causes.",
  },
  kinds = {
    { key = "poor", label = { vi = "- Hộ nghèo", en = "- Poor households" }, measure = "households", where = { class = "poor", change = NOT_DECREASE } },
    { key = "near_poor", label = { vi = "- Hộ cận nghèo", en = "- Near-poor households" }, measure = "households", where = { class = "near_poor", change = NOT_DECREASE } },
  },
  columns = columns,
}
