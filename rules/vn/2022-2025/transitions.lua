-- rules/vn/2022-2025/transitions.lua: the household's movement on the lists, from its
-- start-of-year status (previous.status; "none" when it was on no list) and this year's
-- class, as forms 7.2 and 7.3 count it (shared/domain/review-outputs.md §2.4, §2.5, §5).
-- Tried top to bottom; the first that holds gives the code. 'earlier' asks whether the
-- household had that status in some year of its 'history'.
--
-- Status: the categories are those of the forms' columns, which were read only in local
-- copies of the forms (QLGN Mau_09.xlsx, RAG images 2 and 3): SECONDARY. The legal
-- definitions of tái nghèo and tái cận nghèo were not found anywhere (review-outputs.md
-- §5.2): the split between re_* and new_* below is this rule set's WORKING definition
-- ("poor, resp. near-poor, in any earlier year of the history"), UNCONFIRMED, and says so.

local FORMS = "Thông tư 07/2021/TT-BLĐTBXH, Phụ lục VII"
local LISTED_NOT = { "middle_income", "not_poor", "none" }
local WORKING = {
  vi = "Định nghĩa tạm thời: chưa tìm thấy định nghĩa pháp lý của tái nghèo / tái cận nghèo; ở đây là hộ đã có tình trạng đó trong một năm bất kỳ của lịch sử (history).",
  en = "Working definition: no legal definition of re-poor / re-near-poor was found; here it is a household that had that status in any year of its history.",
}

transition "stayed_poor" {
  from = { "poor" }, to = { "poor" },
  label = { vi = "Hộ nghèo cũ (tiếp tục nghèo)", en = "Stayed poor" },
  citation = FORMS .. ", Mẫu 7.2: cột 1 (hộ nghèo đầu năm) còn lại trong cột 9 (cuối năm)",
  status = SECONDARY,
}

transition "poor_to_near_poor" {
  from = { "poor" }, to = { "near_poor" },
  label = { vi = "Thoát nghèo, trở thành hộ cận nghèo", en = "Escaped poverty, now near-poor" },
  citation = FORMS .. ", Mẫu 7.2 cột 2 \"Trở thành hộ cận nghèo\"; Mẫu 7.3 cột 5 \"Số hộ nghèo trở thành hộ cận nghèo\"",
  status = SECONDARY,
}

transition "escaped_poverty" {
  from = { "poor" }, to = { "middle_income", "not_poor" },
  label = { vi = "Thoát nghèo, vượt chuẩn cận nghèo", en = "Escaped poverty, above the near-poor line" },
  citation = FORMS .. ", Mẫu 7.2 cột 3 \"Vượt chuẩn cận nghèo\"",
  status = SECONDARY,
}

transition "near_poor_to_poor" {
  from = { "near_poor" }, to = { "poor" },
  label = { vi = "Hộ cận nghèo trở thành hộ nghèo", en = "Near-poor, now poor" },
  citation = FORMS .. ", Mẫu 7.2 cột 5 \"Số hộ cận nghèo trở thành hộ nghèo\"; Mẫu 7.3 cột 3",
  status = SECONDARY,
}

transition "stayed_near_poor" {
  from = { "near_poor" }, to = { "near_poor" },
  label = { vi = "Hộ cận nghèo cũ (tiếp tục cận nghèo)", en = "Stayed near-poor" },
  citation = FORMS .. ", Mẫu 7.3: cột 1 (hộ cận nghèo đầu kỳ) còn lại trong cột 9",
  status = SECONDARY,
}

transition "escaped_near_poverty" {
  from = { "near_poor" }, to = { "middle_income", "not_poor" },
  label = { vi = "Thoát cận nghèo", en = "Escaped near-poverty" },
  citation = FORMS .. ", Mẫu 7.3 cột 2 \"Số hộ thoát cận nghèo\"",
  status = SECONDARY,
}

transition "re_poor" {
  from = LISTED_NOT, to = { "poor" }, earlier = "poor",
  label = { vi = "Tái nghèo", en = "Re-poor" },
  citation = FORMS .. ", Mẫu 7.2 cột 6 \"Tái nghèo\"",
  status = UNCONFIRMED, working = WORKING,
}

transition "new_poor" {
  from = LISTED_NOT, to = { "poor" },
  label = { vi = "Hộ nghèo phát sinh mới", en = "Newly poor" },
  citation = FORMS .. ", Mẫu 7.2 cột 7 \"Phát sinh mới\"",
  status = UNCONFIRMED, working = WORKING,
}

transition "re_near_poor" {
  from = LISTED_NOT, to = { "near_poor" }, earlier = "near_poor",
  label = { vi = "Tái cận nghèo", en = "Re-near-poor" },
  citation = FORMS .. ", Mẫu 7.3 cột 6 \"Tái cận nghèo\"",
  status = UNCONFIRMED, working = WORKING,
}

transition "new_near_poor" {
  from = LISTED_NOT, to = { "near_poor" },
  label = { vi = "Hộ cận nghèo phát sinh mới", en = "Newly near-poor" },
  citation = FORMS .. ", Mẫu 7.3 cột 7 \"Phát sinh mới\"",
  status = UNCONFIRMED, working = WORKING,
}

transition "not_listed" {
  from = LISTED_NOT, to = { "middle_income", "not_poor" },
  label = { vi = "Không thuộc danh sách hộ nghèo, cận nghèo", en = "On neither list" },
  citation = FORMS .. ", Mẫu 7.2, 7.3: hộ không vào cột nào",
  status = SECONDARY,
}
