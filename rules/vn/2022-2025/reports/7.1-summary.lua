-- rules/vn/2022-2025/reports/7.1-summary.lua: Mẫu 7.1, the summary of the review's
-- results, as data read by 'rasoat report' (docs/reports.md: every field of a layout).
-- Layout: shared/domain/review-outputs.md §2.3 (QLGN Book1.xlsx, RAG image 1); rates §4.
-- The form number is INFERRED (§2.1); the columns are SECONDARY. Whether the circular's
-- 7.1 has the middle-income columns is UNCONFIRMED (the two sources differ): they are
-- kept here, as in the wider RAG version, and the note says so.

report_form "7.1" {
  title = {
    vi = "TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO; HỘ LÀM NÔNG, LÂM, NGƯ NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH",
    en = "SUMMARY OF THE REVIEW OF POOR AND NEAR-POOR HOUSEHOLDS AND OF MIDDLE-INCOME AGRICULTURAL HOUSEHOLDS",
  },
  citation = "Thông tư 07/2021/TT-BLĐTBXH, Phụ lục VII, Mẫu 7.1 (số mẫu suy luận; cột theo bản sao QLGN Book1.xlsx và RAG ảnh 1)",
  status = SECONDARY,
  note = {
    vi = "Số mẫu 7.1 là suy luận (INFERRED); các cột theo bản sao của địa phương (SECONDARY). Cột hộ có mức sống trung bình chỉ có trong một bản sao (UNCONFIRMED). Tỷ lệ = số hộ (khẩu) ÷ tổng số hộ (khẩu) dân cư × 100, làm tròn nửa lên 2 chữ số thập phân; cần --population.",
    en = "Form number 7.1 is INFERRED; columns follow local copies (SECONDARY). The middle-income columns are in one copy only (UNCONFIRMED). Rate = households (persons) ÷ all resident households (persons) × 100, rounded half up to 2 decimals; needs --population.",
  },
  columns = {
    { key = "households", number = "1", group = { vi = "Tổng số hộ dân cư (tại thời điểm rà soát)", en = "All resident households (at the review)" },
      label = { vi = "Số hộ", en = "Households" }, population = "households" },
    { key = "persons", number = "2", group = { vi = "Tổng số hộ dân cư (tại thời điểm rà soát)", en = "All resident households (at the review)" },
      label = { vi = "Nhân khẩu", en = "Persons" }, population = "persons" },
    { key = "poor", number = "3", group = { vi = "Hộ nghèo", en = "Poor households" },
      label = { vi = "Số hộ", en = "Households" }, count = { class = "poor", change = { except = { "died", "moved_out", "merged_out" } } } },
    { key = "poor_rate", number = "4", group = { vi = "Hộ nghèo", en = "Poor households" },
      label = { vi = "Tỷ lệ (%)", en = "Rate (%)" }, rate = { "poor", "households" }, text = "4=3/1*100" },
    { key = "near_poor", number = "5", group = { vi = "Hộ cận nghèo", en = "Near-poor households" },
      label = { vi = "Số hộ", en = "Households" }, count = { class = "near_poor", change = { except = { "died", "moved_out", "merged_out" } } } },
    { key = "near_poor_rate", number = "6", group = { vi = "Hộ cận nghèo", en = "Near-poor households" },
      label = { vi = "Tỷ lệ (%)", en = "Rate (%)" }, rate = { "near_poor", "households" }, text = "6=5/1*100" },
    { key = "middle_income", number = "7", group = { vi = "Hộ làm nông, lâm, ngư nghiệp có mức sống trung bình", en = "Middle-income agricultural households" },
      label = { vi = "Số hộ", en = "Households" },
      count = { class = "middle_income", livelihood = { "agriculture", "forestry", "fishery", "salt" }, change = { except = { "died", "moved_out", "merged_out" } } } },
    { key = "middle_income_rate", number = "8", group = { vi = "Hộ làm nông, lâm, ngư nghiệp có mức sống trung bình", en = "Middle-income agricultural households" },
      label = { vi = "Tỷ lệ (%)", en = "Rate (%)" }, rate = { "middle_income", "households" }, text = "8=7/1*100" },
    { key = "poor_persons", number = "9", group = { vi = "Khẩu nghèo", en = "Poor persons" },
      label = { vi = "Số khẩu", en = "Persons" }, measure = "persons", count = { class = "poor", change = { except = { "died", "moved_out", "merged_out" } } } },
    { key = "poor_persons_rate", number = "10", group = { vi = "Khẩu nghèo", en = "Poor persons" },
      label = { vi = "Tỷ lệ (%)", en = "Rate (%)" }, rate = { "poor_persons", "persons" }, text = "10=9/2*100" },
    { key = "near_poor_persons", number = "11", group = { vi = "Khẩu cận nghèo", en = "Near-poor persons" },
      label = { vi = "Số khẩu", en = "Persons" }, measure = "persons", count = { class = "near_poor", change = { except = { "died", "moved_out", "merged_out" } } } },
    { key = "near_poor_persons_rate", number = "12", group = { vi = "Khẩu cận nghèo", en = "Near-poor persons" },
      label = { vi = "Tỷ lệ (%)", en = "Rate (%)" }, rate = { "near_poor_persons", "persons" }, text = "12=11/2*100" },
    { key = "middle_income_persons", number = "13", group = { vi = "Khẩu có mức sống trung bình", en = "Middle-income persons" },
      label = { vi = "Số khẩu", en = "Persons" }, measure = "persons",
      count = { class = "middle_income", livelihood = { "agriculture", "forestry", "fishery", "salt" }, change = { except = { "died", "moved_out", "merged_out" } } } },
    { key = "middle_income_persons_rate", number = "14", group = { vi = "Khẩu có mức sống trung bình", en = "Middle-income persons" },
      label = { vi = "Tỷ lệ (%)", en = "Rate (%)" }, rate = { "middle_income_persons", "persons" }, text = "14=13/2*100" },
  },
}
