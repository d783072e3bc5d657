-- rules/kontum/2024/gaps.lua

gap "criteria" {
  vi = "Tiêu chí hộ có mức sống trung bình không thuộc hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp nằm ở Phụ lục (mục 2, mục 4) Nghị quyết 30/2024/NQ-HĐND tỉnh Kon Tum; văn bản này chưa được tìm thấy.",
  en = "The criteria for middle-income households not in agriculture, forestry or fishery are in the appendix (sections 2 and 4) of Kon Tum Resolution 30/2024/NQ-HĐND, whose text has not been found.",
  citation = "Nghị quyết 30/2024/NQ-HĐND tỉnh Kon Tum (seed 003; poverty-rules.md §4: UNCONFIRMED)",
}

gap "effective_period" {
  vi = "Nghị quyết 30/2024/NQ-HĐND ngày 17/7/2024 (theo kế hoạch rà soát của xã); ngày có hiệu lực chưa được xác minh: rasoat áp dụng từ 17/7/2024.",
  en = "Resolution 30/2024/NQ-HĐND is dated 17 Jul 2024 (per the commune's review plan); its effective date is unverified: rasoat applies it from 17 Jul 2024.",
  citation = "Nghị quyết 30/2024/NQ-HĐND tỉnh Kon Tum",
}

gap "end_date" {
  vi = "Không nguồn nào cho biết Nghị quyết 30/2024/NQ-HĐND hết hiệu lực khi nào; nghị quyết không ghi thời hạn thì còn hiệu lực đến khi được thay thế, nên rasoat áp dụng đến hết ngày 31/12/2026, cùng thời hạn với chuẩn quốc gia vn/2022-2025 mà bộ này dựa vào.",
  en = "No source gives the end of Resolution 30/2024/NQ-HĐND; a resolution without an end stays in force until it is replaced, so rasoat applies it to 2026-12-31, as long as the national set vn/2022-2025 it builds on.",
  citation = "Nghị quyết 30/2024/NQ-HĐND tỉnh Kon Tum; Nghị định 351/2025/NĐ-CP (vn/2022-2025 đến 31/12/2026)",
}

gap "lending_scheme_after_merger" {
  vi = "Câu hỏi còn mở: từ 01/7/2025 tỉnh Kon Tum nhập vào tỉnh Quảng Ngãi (mã 51); chưa tìm thấy văn bản nào nói Đề án cho vay tiêu dùng (Nghị quyết 67/2019, sửa đổi bởi 30/2024) còn áp dụng, được Quảng Ngãi thay thế hay mở rộng. Theo nguyên tắc chung, văn bản của HĐND tỉnh cũ còn hiệu lực trên địa bàn tỉnh cũ đến khi tỉnh mới thay thế (suy luận): rasoat chỉ áp dụng bộ này cho hộ thuộc địa bàn tỉnh Kon Tum cũ (commune_code của tỉnh 62 hoặc former_province \"62\").",
  en = "Open question: from 1 Jul 2025 Kon Tum is part of Quảng Ngãi (51); no text found says whether the consumer-lending scheme (Resolution 67/2019 as amended by 30/2024) still applies, was replaced or was extended by Quảng Ngãi. By the general rule a former province's council resolutions stay in force in its former territory until the new province replaces them (inference): rasoat applies this set only to households of former Kon Tum (a commune_code of province 62, or former_province \"62\").",
  open_question = true,
  citation = "admin-reform.md §4 (Luật 64/2025/QH15 Điều 54 khoản 2, sửa đổi bởi Luật 87/2025/QH15: SECONDARY; hậu quả cho Đề án: UNCONFIRMED), §6 mục 5",
}
