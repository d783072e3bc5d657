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

gap "former_town_area" {
  vi = "Câu hỏi còn mở: từ 01/7/2025 không còn thị trấn; thị trấn cũ nằm trong xã mới (ví dụ thị trấn Hai Riêng trong xã Sông Hinh). Chưa có hướng dẫn hộ ở địa bàn thị trấn cũ còn áp dụng chuẩn thu nhập thành thị hay không. Tham số ruleset.former_town_area (mặc định \"recorded\": theo area ghi trên hồ sơ) và một cảnh báo cho mọi hộ của xã có địa bàn thị trấn cũ.",
  en = "Open question: from 1 Jul 2025 there are no towns (thị trấn); former towns sit inside new communes (e.g. Hai Riêng town inside Sông Hinh commune). No guidance says whether their households keep the urban income line. Parameter ruleset.former_town_area (default \"recorded\": the record's area) and a warning for every household of a commune that took in a former town.",
  open_question = true,
  citation = "admin-reform.md §2 (thị trấn abolished, Resolution 76/2025/UBTVQH15), §6 item 1 (UNCONFIRMED)",
}

gap "decree_30_effective_date" {
  vi = "Ngày có hiệu lực của Nghị định 30/2025/NĐ-CP (người lao động có thu nhập thấp) chưa được xác minh: rasoat xác định từ các cuộc rà soát ghi ngày từ 01/01/2025 (năm của nghị định), và chỉ theo thu nhập đo trực tiếp.",
  en = "The effective date of Decree 30/2025/NĐ-CP (low-income workers) is unverified: rasoat determines them for surveys dated from 2025-01-01 (the decree's year), and from measured income only.",
  citation = "Nghị định 30/2025/NĐ-CP (poverty-rules.md §1.1, §1.4: the decree CONFIRMED, its effective date not found)",
}
