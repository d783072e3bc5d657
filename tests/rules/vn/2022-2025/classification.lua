-- rules/vn/2022-2025/classification.lua: the classes of Decree 07/2021 Art. 3 cl. 2,
-- scored by the method of Circular 07/2021. Provisions are tried top to bottom; the first
-- that holds gives the class. Figures live in parameters.lua; a condition names them:
-- at_most("b1", "b1_line") reads "the B1 score is at most the B1 line for the household's
-- area". A fact the record lacks makes a comparison false.
--
-- Which income basis governs (docs: README.md in this directory):
--   * a Phiếu B1 score, when the record has one, decides poor and near-poor: the circular's
--     scoring is the legal method of the review, and the B1 score stands for income;
--   * measured income (income_per_capita_month) decides poor and near-poor only when there
--     is no B1 score, and decides middle income always: no B1 band for middle income is
--     confirmed, and Decision 24/2021 Art. 2.2 determines it from measured income.

provision "poor_by_score" {
  class = "poor", basis = "b1",
  citation = "Nghị định 07/2021/NĐ-CP, Điều 3 khoản 2 điểm a; Thông tư 07/2021/TT-BLĐTBXH: điểm A ≤ 140 (nông thôn) / ≤ 175 (thành thị) và điểm B ≥ 30",
  status = CONFIRMED,
  when = all_of(at_most("b1", "b1_line"), at_least("b2", "poor_min_b2")),
}

provision "near_poor_by_score" {
  class = "near_poor", basis = "b1",
  citation = "Nghị định 07/2021/NĐ-CP, Điều 3 khoản 2 điểm b; Thông tư 07/2021/TT-BLĐTBXH: điểm A ≤ 140 / ≤ 175 và điểm B < 30",
  status = CONFIRMED,
  when = at_most("b1", "b1_line"),
}

provision "poor_by_income" {
  class = "poor", basis = "income",
  citation = "Nghị định 07/2021/NĐ-CP, Điều 3 khoản 2 điểm a: thu nhập bình quân đầu người/tháng ≤ 1.500.000 (nông thôn) / ≤ 2.000.000 đồng (thành thị) và thiếu hụt từ 03 chỉ số trở lên",
  status = CONFIRMED,
  when = all_of(lacks("b1"), at_most("income", "income_line"), at_least("b2", "poor_min_b2")),
}

provision "near_poor_by_income" {
  class = "near_poor", basis = "income",
  citation = "Nghị định 07/2021/NĐ-CP, Điều 3 khoản 2 điểm b: thu nhập ≤ chuẩn nghèo và thiếu hụt dưới 03 chỉ số",
  status = CONFIRMED,
  when = all_of(lacks("b1"), at_most("income", "income_line")),
}

provision "middle_income" {
  class = "middle_income", basis = "income",
  citation = "Nghị định 07/2021/NĐ-CP, Điều 3 khoản 2 điểm c: thu nhập trên 1.500.000 đến 2.250.000 đồng (nông thôn), trên 2.000.000 đến 3.000.000 đồng (thành thị); Quyết định 24/2021/QĐ-TTg Điều 2 khoản 2",
  status = CONFIRMED,
  when = all_of(above("income", "income_line"), at_most("income", "middle_income_upper")),
}

provision "not_poor" {
  class = "not_poor",
  citation = "Nghị định 07/2021/NĐ-CP, Điều 3 khoản 2: hộ không thuộc các chuẩn tại điểm a, b, c",
  status = CONFIRMED,
  when = always(),
}

-- Not a provision: a flag for the commune steering committee when the record's two income
-- bases fall on different sides of the poverty line. The B1 score still decides.
warning "bases_disagree" {
  vi = "Điểm B1 và thu nhập đo trực tiếp nằm ở hai phía của chuẩn nghèo; hạng được quyết định theo điểm B1 (Thông tư 07/2021). Nên rà soát lại thông tin của hộ.",
  en = "The B1 score and the measured income fall on different sides of the poverty line; the B1 score decided the class (Circular 07/2021). The household's data deserve a second look.",
  citation = "Thông tư 07/2021/TT-BLĐTBXH: 140 / 175 điểm B1 ứng với chuẩn 1.500.000 / 2.000.000 đồng",
  when = function(h, P)
    return h.b1 ~= nil and h.income ~= nil
       and (h.b1 <= P.b1_line[h.area]) ~= (h.income <= P.income_line[h.area])
  end,
}
