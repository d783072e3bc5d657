-- rules/vn/2022-2025/reports/7.9-ethnicity.lua: Mẫu 7.9 (as replaced by Circular 02/2022),
-- poor and near-poor households by ethnic group, as data read by 'rasoat report'.
-- Layout: shared/domain/review-outputs.md §2.8 (QLGN mau16.xlsx, labelled 7.9: SECONDARY).
-- The named ethnic columns are chosen by each province (QLGN lists Thanh Hóa's, RAG Đắk
-- Nông's); the national layout keeps only the fixed totals and Kinh, and a local rule set
-- overrides this form with its own groups (docs/reports.md §6).
-- Ethnicity is the record's 'ethnicity' (the head's group in RAG; rule UNCONFIRMED, §6).

local NOT_DECREASE = { except = { "died", "moved_out", "merged_out" } }

report_form "7.9" {
  title = { vi = "PHÂN NHÓM HỘ NGHÈO, HỘ CẬN NGHÈO THEO DÂN TỘC", en = "POOR AND NEAR-POOR HOUSEHOLDS BY ETHNIC GROUP" },
  citation = "Thông tư 02/2022/TT-BLĐTBXH thay thế Mẫu 7.9 Phụ lục VII Thông tư 07/2021/TT-BLĐTBXH (theo bản sao QLGN mau16.xlsx \"Theo mẫu 7.9\")",
  status = SECONDARY,
  note = {
    vi = "Cột SECONDARY. Các cột dân tộc cụ thể do tỉnh chọn; bộ quy tắc địa phương ghi đè mẫu này. Cần classify --keep ethnicity.",
    en = "Columns SECONDARY. The named ethnic columns are the province's choice; a local rule set overrides this form. Needs classify --keep ethnicity.",
  },
  columns = {
    { key = "poor", number = "1", label = { vi = "Tổng số hộ nghèo", en = "All poor households" }, count = { class = "poor", change = NOT_DECREASE } },
    { key = "poor_minority", number = "2", group = { vi = "Hộ nghèo dân tộc thiểu số", en = "Poor ethnic-minority households" },
      label = { vi = "Tổng số (trừ DT Kinh)", en = "Total (other than Kinh)" }, formula = "poor - poor_kinh", text = "2=1-3" },
    { key = "poor_kinh", number = "3", group = { vi = "Hộ nghèo dân tộc thiểu số", en = "Poor ethnic-minority households" },
      label = { vi = "Kinh", en = "Kinh" }, count = { class = "poor", ethnicity = "Kinh", change = NOT_DECREASE } },
    { key = "near_poor", number = "4", label = { vi = "Tổng số hộ cận nghèo", en = "All near-poor households" }, count = { class = "near_poor", change = NOT_DECREASE } },
    { key = "near_poor_minority", number = "5", group = { vi = "Hộ cận nghèo dân tộc thiểu số", en = "Near-poor ethnic-minority households" },
      label = { vi = "Tổng số (trừ DT Kinh)", en = "Total (other than Kinh)" }, formula = "near_poor - near_poor_kinh", text = "5=4-6" },
    { key = "near_poor_kinh", number = "6", group = { vi = "Hộ cận nghèo dân tộc thiểu số", en = "Near-poor ethnic-minority households" },
      label = { vi = "Kinh", en = "Kinh" }, count = { class = "near_poor", ethnicity = "Kinh", change = NOT_DECREASE } },
  },
}
