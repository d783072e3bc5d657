-- rules/vn/2022-2025/reports/lists.lua: the lists a commune posts after the review, one
-- row per household, sorted by commune, village and household code, as data read by
-- 'rasoat report'. Which lists: shared/domain/review-outputs.md §1 (poor, near-poor,
-- middle-income, escaped poverty, escaped near-poverty: CONFIRMED, SEED-LS; re-poor /
-- newly poor and their near-poor equivalents: CONFIRMED, SEED-DRN). Phụ lục I's own
-- columns were not read anywhere (UNCONFIRMED, §3): the columns below are those of the
-- lists QLGN imports (§3, SECONDARY) that the results carry.

local NOT_DECREASE = { except = { "died", "moved_out", "merged_out" } }
local COLUMNS = {
  { field = "id", label = { vi = "Mã hộ", en = "Household code" } },
  { field = "head_name", label = { vi = "Họ và tên chủ hộ", en = "Head of household" } },
  { field = "commune", label = { vi = "Xã, phường, thị trấn", en = "Commune" } },
  { field = "village", label = { vi = "Thôn, tổ dân phố", en = "Village" } },
  { field = "size", label = { vi = "Số nhân khẩu", en = "Members" } },
  { field = "b1", label = { vi = "Điểm B1", en = "B1 score" } },
  { field = "b2", label = { vi = "Điểm B2", en = "B2 score" } },
  { field = "deprived", label = { vi = "Chỉ số thiếu hụt", en = "Deprived indicators" } },
  { field = "transition", label = { vi = "Diễn biến so với đầu năm", en = "Movement since the start of the year" } },
}
local SOURCE = "Kế hoạch rà soát tỉnh Lạng Sơn 2023 §V.9.2; Kế hoạch rà soát xã Đắk Rơ Nga 2024 §II.3 (shared/domain/review-outputs.md §1)"

local function list(id, vi, en, where)
  report_list(id) {
    title = { vi = vi, en = en }, citation = SOURCE, status = CONFIRMED,
    note = { vi = "Danh sách này phải lập là CONFIRMED; các cột của Phụ lục I chưa xác minh (UNCONFIRMED).",
             en = "That this list is due is CONFIRMED; Phụ lục I's columns are UNCONFIRMED." },
    where = where, columns = COLUMNS,
  }
end

list("poor", "DANH SÁCH HỘ NGHÈO", "POOR HOUSEHOLDS", { class = "poor", change = NOT_DECREASE })
list("near_poor", "DANH SÁCH HỘ CẬN NGHÈO", "NEAR-POOR HOUSEHOLDS", { class = "near_poor", change = NOT_DECREASE })
list("escaped_poverty", "DANH SÁCH HỘ THOÁT NGHÈO", "HOUSEHOLDS THAT ESCAPED POVERTY",
     { transition = { "poor_to_near_poor", "escaped_poverty" }, change = NOT_DECREASE })
list("escaped_near_poverty", "DANH SÁCH HỘ THOÁT CẬN NGHÈO", "HOUSEHOLDS THAT ESCAPED NEAR-POVERTY",
     { transition = "escaped_near_poverty", change = NOT_DECREASE })
list("re_poor", "DANH SÁCH HỘ TÁI NGHÈO", "RE-POOR HOUSEHOLDS", { transition = "re_poor", change = NOT_DECREASE })
list("new_poor", "DANH SÁCH HỘ NGHÈO PHÁT SINH MỚI", "NEWLY POOR HOUSEHOLDS", { transition = "new_poor", change = NOT_DECREASE })
list("re_near_poor", "DANH SÁCH HỘ TÁI CẬN NGHÈO", "RE-NEAR-POOR HOUSEHOLDS", { transition = "re_near_poor", change = NOT_DECREASE })
list("new_near_poor", "DANH SÁCH HỘ CẬN NGHÈO PHÁT SINH MỚI", "NEWLY NEAR-POOR HOUSEHOLDS", { transition = "new_near_poor", change = NOT_DECREASE })
list("middle_income", "DANH SÁCH HỘ LÀM NÔNG, LÂM, NGƯ NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH", "MIDDLE-INCOME AGRICULTURAL HOUSEHOLDS",
     { class = "middle_income", livelihood = { "agriculture", "forestry", "fishery", "salt" }, change = NOT_DECREASE })
