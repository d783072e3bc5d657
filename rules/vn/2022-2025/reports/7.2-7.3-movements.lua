-- rules/vn/2022-2025/reports/7.2-7.3-movements.lua: Mẫu 7.2 (poor households' movements
-- during the year) and Mẫu 7.3 (near-poor), as data read by 'rasoat report'.
-- Layout: shared/domain/review-outputs.md §2.4 (7.2, labelled "Theo mẫu 7.2" in QLGN
-- Mau_09.xlsx: SECONDARY) and §2.5 (7.3, number INFERRED, columns SECONDARY from RAG
-- image 3); categories §5.1; the closing identity "9=1-2-3-4+5+6+7+8" (RAG images 2, 3).
--
-- Columns 4 and 8 (other decreases / increases: death, moving, split, merge) are not
-- reclassifications: they count households whose record carries a 'change' event
-- (docs/reports.md, "Demographic changes"). A household with a decrease event is counted
-- in column 4 only, and one with an increase event that was on neither list at the start
-- in column 8 only, so each household sits in exactly one column. Column 9 is both the
-- formula and a count of this year's list; the report checks that the two agree.

local DECREASE = { "died", "moved_out", "merged_out" }
local INCREASE = { "moved_in", "split", "merged_in" }
local NOT_DECREASE = { except = DECREASE }
local NO_CHANGE = { except = { "died", "moved_out", "merged_out", "moved_in", "split", "merged_in" } }
local HOUSEHOLDS_PERSONS = {
  { key = "households", label = { vi = "Hộ", en = "Households" }, measure = "households" },
  { key = "persons", label = { vi = "Nhân khẩu", en = "Persons" }, measure = "persons" },
}

report_form "7.2" {
  title = { vi = "TỔNG HỢP DIỄN BIẾN HỘ NGHÈO TRONG NĂM", en = "MOVEMENTS OF POOR HOUSEHOLDS DURING THE YEAR" },
  citation = "Thông tư 07/2021/TT-BLĐTBXH, Phụ lục VII, Mẫu 7.2 (theo bản sao QLGN Mau_09.xlsx \"Theo mẫu 7.2\"; RAG ảnh 2)",
  status = SECONDARY,
  note = {
    vi = "Cột theo bản sao của địa phương (SECONDARY). Cột 6/7 (tái nghèo / phát sinh mới) dùng định nghĩa tạm thời của bộ quy tắc (UNCONFIRMED). Cột 4 và 8 đếm các hộ có sự kiện 'change' trên bản ghi.",
    en = "Columns from local copies (SECONDARY). Columns 6/7 (re-poor / newly poor) use the rule set's working definition (UNCONFIRMED). Columns 4 and 8 count households whose record carries a 'change' event.",
  },
  kinds = HOUSEHOLDS_PERSONS,
  columns = {
    { key = "start", number = "1", label = { vi = "Tổng số hộ nghèo đầu năm (theo Quyết định phê duyệt của cấp có thẩm quyền)", en = "Poor households at the start of the year (approved list)" },
      count = { transition = { "stayed_poor", "poor_to_near_poor", "escaped_poverty" } } },
    { key = "poor_to_near_poor", number = "2", group = { vi = "Diễn biến giảm số hộ nghèo — Số hộ thoát nghèo", en = "Decreases — households that escaped poverty" },
      label = { vi = "Trở thành hộ cận nghèo", en = "Became near-poor" }, count = { transition = "poor_to_near_poor", change = NOT_DECREASE } },
    { key = "escaped_poverty", number = "3", group = { vi = "Diễn biến giảm số hộ nghèo — Số hộ thoát nghèo", en = "Decreases — households that escaped poverty" },
      label = { vi = "Vượt chuẩn cận nghèo", en = "Above the near-poor line" }, count = { transition = "escaped_poverty", change = NOT_DECREASE } },
    { key = "removed", number = "4", group = { vi = "Diễn biến giảm số hộ nghèo", en = "Decreases" },
      label = { vi = "Nguyên nhân: thay đổi nhân khẩu, hộ nghèo đơn thân chết đi, chuyển đi nơi khác, tách, nhập với hộ khác,…", en = "Other: household changes (single-member household died, moved away, split, merged)" },
      count = { transition = { "stayed_poor", "poor_to_near_poor", "escaped_poverty" }, change = DECREASE } },
    { key = "near_poor_to_poor", number = "5", group = { vi = "Diễn biến tăng số hộ nghèo", en = "Increases" },
      label = { vi = "Số hộ cận nghèo trở thành hộ nghèo", en = "Near-poor households that became poor" }, count = { transition = "near_poor_to_poor", change = NOT_DECREASE } },
    { key = "re_poor", number = "6", group = { vi = "Diễn biến tăng — Số hộ ngoài danh sách hộ nghèo, hộ cận nghèo gặp khó khăn đột xuất trong năm", en = "Increases — households on neither list that met hardship during the year" },
      label = { vi = "Tái nghèo", en = "Re-poor" }, count = { transition = "re_poor", change = NO_CHANGE } },
    { key = "new_poor", number = "7", group = { vi = "Diễn biến tăng — Số hộ ngoài danh sách hộ nghèo, hộ cận nghèo gặp khó khăn đột xuất trong năm", en = "Increases — households on neither list that met hardship during the year" },
      label = { vi = "Phát sinh mới", en = "Newly poor" }, count = { transition = "new_poor", change = NO_CHANGE } },
    { key = "added", number = "8", group = { vi = "Diễn biến tăng số hộ nghèo", en = "Increases" },
      label = { vi = "Nguyên nhân: thay đổi nhân khẩu, chuyển đến, tách, nhập với hộ khác,...", en = "Other: household changes (moved in, split, merged)" },
      count = { transition = { "re_poor", "new_poor" }, change = INCREASE } },
    { key = "end", number = "9", label = { vi = "Tổng số hộ nghèo cuối năm (theo Quyết định phê duyệt của cấp có thẩm quyền)", en = "Poor households at the end of the year" },
      formula = "start - poor_to_near_poor - escaped_poverty - removed + near_poor_to_poor + re_poor + new_poor + added",
      text = "9=1-2-3-4+5+6+7+8" },
    { key = "end_listed", hidden = true, label = { vi = "Hộ nghèo theo kết quả rà soát", en = "Poor households by this review" },
      count = { class = "poor", change = NOT_DECREASE } },
  },
  checks = {
    { left = "end", op = "=", right = "end_listed",
      label = { vi = "cuối năm = đầu năm − giảm + tăng (9=1-2-3-4+5+6+7+8) bằng số hộ nghèo theo kết quả rà soát",
                en = "end = start - decreases + increases (9=1-2-3-4+5+6+7+8) equals the poor households of this review" } },
  },
}

report_form "7.3" {
  title = { vi = "TỔNG HỢP DIỄN BIẾN HỘ CẬN NGHÈO", en = "MOVEMENTS OF NEAR-POOR HOUSEHOLDS" },
  citation = "Thông tư 07/2021/TT-BLĐTBXH, Phụ lục VII, Mẫu 7.3 (số mẫu suy luận; cột theo RAG ảnh 3)",
  status = SECONDARY,
  note = {
    vi = "Số mẫu 7.3 là suy luận (INFERRED); cột theo một bản sao (SECONDARY). Cột 6/7 dùng định nghĩa tạm thời (UNCONFIRMED).",
    en = "Form number 7.3 is INFERRED; columns from one copy (SECONDARY). Columns 6/7 use the working definition (UNCONFIRMED).",
  },
  kinds = HOUSEHOLDS_PERSONS,
  columns = {
    { key = "start", number = "1", label = { vi = "Tổng số hộ cận nghèo đầu kỳ", en = "Near-poor households at the start" },
      count = { transition = { "stayed_near_poor", "near_poor_to_poor", "escaped_near_poverty" } } },
    { key = "escaped_near_poverty", number = "2", group = { vi = "Diễn biến giảm", en = "Decreases" },
      label = { vi = "Số hộ thoát cận nghèo", en = "Escaped near-poverty" }, count = { transition = "escaped_near_poverty", change = NOT_DECREASE } },
    { key = "near_poor_to_poor", number = "3", group = { vi = "Diễn biến giảm", en = "Decreases" },
      label = { vi = "Số hộ cận nghèo trở thành hộ nghèo", en = "Became poor" }, count = { transition = "near_poor_to_poor", change = NOT_DECREASE } },
    { key = "removed", number = "4", group = { vi = "Diễn biến giảm", en = "Decreases" },
      label = { vi = "Số hộ khác: thay đổi nhân khẩu, hộ đơn thân chết, chuyển đi nơi khác, tách, nhập với hộ khác", en = "Other: household changes (died, moved away, split, merged)" },
      count = { transition = { "stayed_near_poor", "near_poor_to_poor", "escaped_near_poverty" }, change = DECREASE } },
    { key = "poor_to_near_poor", number = "5", group = { vi = "Diễn biến tăng số hộ cận nghèo", en = "Increases" },
      label = { vi = "Số hộ nghèo trở thành hộ cận nghèo", en = "Poor households that became near-poor" }, count = { transition = "poor_to_near_poor", change = NOT_DECREASE } },
    { key = "re_near_poor", number = "6", group = { vi = "Diễn biến tăng — Số hộ bổ sung", en = "Increases — added households" },
      label = { vi = "Tái cận nghèo", en = "Re-near-poor" }, count = { transition = "re_near_poor", change = NO_CHANGE } },
    { key = "new_near_poor", number = "7", group = { vi = "Diễn biến tăng — Số hộ bổ sung", en = "Increases — added households" },
      label = { vi = "Phát sinh mới", en = "Newly near-poor" }, count = { transition = "new_near_poor", change = NO_CHANGE } },
    { key = "added", number = "8", group = { vi = "Diễn biến tăng số hộ cận nghèo", en = "Increases" },
      label = { vi = "Số hộ khác: thay đổi nhân khẩu, chuyển đến, tách, nhập với hộ khác…", en = "Other: household changes (moved in, split, merged)" },
      count = { transition = { "re_near_poor", "new_near_poor" }, change = INCREASE } },
    { key = "end", number = "9", label = { vi = "Tổng số hộ cận nghèo cuối kỳ", en = "Near-poor households at the end" },
      formula = "start - escaped_near_poverty - near_poor_to_poor - removed + poor_to_near_poor + re_near_poor + new_near_poor + added",
      text = "9=1-2-3-4+5+6+7+8" },
    { key = "end_listed", hidden = true, label = { vi = "Hộ cận nghèo theo kết quả rà soát", en = "Near-poor households by this review" },
      count = { class = "near_poor", change = NOT_DECREASE } },
  },
  checks = {
    { left = "end", op = "=", right = "end_listed",
      label = { vi = "cuối kỳ = đầu kỳ − giảm + tăng (9=1-2-3-4+5+6+7+8) bằng số hộ cận nghèo theo kết quả rà soát",
                en = "end = start - decreases + increases (9=1-2-3-4+5+6+7+8) equals the near-poor households of this review" } },
  },
}
