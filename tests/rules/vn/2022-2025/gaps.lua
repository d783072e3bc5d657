-- rules/vn/2022-2025/gaps.lua: figures the law sets but no source read confirms. They are
-- named here so 'rasoat rules show' and the rule set's README list them; none is used.

gap "b1_points_table" {
  vi = "Bảng điểm Phiếu B1 theo 6 vùng và thành thị/nông thôn (Phụ lục III Thông tư 07/2021) chưa được xác minh: rasoat nhận điểm B1 như đã ghi trên phiếu.",
  en = "The Phiếu B1 points table by 6 regions and urban/rural (Circular 07/2021 appendix III) is unverified: rasoat takes the B1 score as recorded on the form.",
  citation = "Thông tư 07/2021/TT-BLĐTBXH, Phụ lục III (poverty-rules.md §2.5: UNCONFIRMED)",
}

gap "middle_income_b1_band" {
  vi = "Không có nguồn nào xác nhận khoảng điểm B1 cho hộ có mức sống trung bình; hộ trung bình chỉ được xác định từ thu nhập đo trực tiếp.",
  en = "No source confirms a B1 band for middle-income households; middle income is decided from measured income only.",
  citation = "Thông tư 07/2021/TT-BLĐTBXH (poverty-rules.md §2.3: UNCONFIRMED)",
}

gap "deprivation_thresholds" {
  vi = "Văn bản ngưỡng thiếu hụt của 12 chỉ số (Phụ lục Nghị định 07/2021) chưa được đọc: việc làm, người phụ thuộc, dinh dưỡng, bảo hiểm y tế, nước, nhà tiêu, viễn thông, phương tiện thông tin là UNCONFIRMED; rasoat lấy câu trả lời Phiếu B2.",
  en = "The threshold text of the 12 indicators (Decree 07/2021 appendix) was not read: employment, dependants, nutrition, health insurance, water, latrine, telecom and information means are UNCONFIRMED; rasoat takes the Phiếu B2 answers.",
  citation = "Nghị định 07/2021/NĐ-CP, Phụ lục (poverty-rules.md §1.3, §7 item 1)",
}

gap "phieu_a_screening" {
  vi = "Tiêu chí Phiếu A (nhận dạng nhanh) và quy tắc loại trừ chưa được xác minh; rasoat không sàng lọc theo Phiếu A.",
  en = "The Phiếu A (quick identification) criteria and exclusion rule are unverified; rasoat does not screen by Phiếu A.",
  citation = "Thông tư 07/2021/TT-BLĐTBXH, Phụ lục II (poverty-rules.md §2.4: UNCONFIRMED)",
}
