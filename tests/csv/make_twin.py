#!/usr/bin/env python3
# make_twin.py: how tests/csv/sample-commune.csv and its JSON twin were made (run once; the
# files are committed). From the bundled 40-household sample, each household is written
# twice: as a spreadsheet would export it ("CSV UTF-8" from a Vietnamese Excel: byte-order
# mark, ';' separator, CRLF, Vietnamese headers, dd/mm/yyyy dates, Nông thôn/Thành thị,
# Có/Không/x/1/0 (an unanswered indicator left blank), money as 1.500.000 or 1,500,000, an "STT" and a "Ghi chú" column that
# name no field), and as the strict JSON record with the same facts (size for members).
# test_csv.c classifies both and requires byte-identical results.
import csv, io, json, sys

src, out_csv, out_json = sys.argv[1:4]
INDICATORS = [
    ("employment", "Việc làm"), ("dependents", "Người phụ thuộc trong hộ gia đình"),
    ("nutrition", "Dinh dưỡng"), ("health_insurance", "Bảo hiểm y tế"),
    ("adult_education", "Trình độ giáo dục của người lớn"),
    ("child_schooling", "Tình trạng đi học của trẻ em"), ("housing_quality", "Chất lượng nhà ở"),
    ("housing_area", "Diện tích nhà ở bình quân đầu người"), ("water", "Nguồn nước sinh hoạt"),
    ("sanitation", "Nhà tiêu hợp vệ sinh"), ("telecom", "Sử dụng dịch vụ viễn thông"),
    ("information_means", "Phương tiện phục vụ tiếp cận thông tin"),
]
LIVELIHOOD = {"agriculture": "Nông nghiệp", "forestry": "Lâm nghiệp", "fishery": "Ngư nghiệp",
              "salt": "Diêm nghiệp", "other": "Khác"}
STATUS = {"poor": "Nghèo", "near_poor": "Cận nghèo", "middle_income": "Có mức sống trung bình",
          "not_poor": "Không nghèo"}
YES = ["Có", "x", "1", "Có"]
NO = ["Không", "0", "Không", "0"]

header = ["STT", "Mã hộ", "Ngày rà soát", "Mã tỉnh", "Huyện", "Xã", "Thôn", "Khu vực",
          "Số nhân khẩu", "Điểm B1", "Thu nhập bình quân đầu người/tháng", "Diện tích nhà ở (m²)", "Sinh kế chính",
          "Phân loại năm trước", "Năm phân loại trước"] + [vi for _, vi in INDICATORS] + ["Ghi chú"]
buf = io.StringIO()
w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
w.writerow(header)
twins = []
for i, line in enumerate(open(src, encoding="utf-8")):
    h = json.loads(line)
    y, m, d = h["survey_date"].split("-")
    date = f"{int(d)}/{int(m)}/{y}" if i % 3 == 0 else f"{d}/{m}/{y}"
    size = h.get("size", len(h.get("members", [])))
    income = h.get("income_per_capita_month")
    money = "" if income is None else (f"{income:,}".replace(",", ".") if i % 2 else f"{income:,}")
    prev = h.get("previous", {})
    row = [str(i + 1), h["id"], date, h["province"], h["district"], h["commune"], h["village"],
           "Nông thôn" if h["area"] == "rural" else "Thành thị", str(size),
           "" if "b1_score" not in h else str(h["b1_score"]), money, str(h.get("floor_area_m2", "")),
           LIVELIHOOD[h["livelihood"]], STATUS.get(prev.get("status"), ""),
           str(prev.get("year", ""))]
    dep = h["deprivations"]
    row += ["" if dep.get(code) is None else (YES if dep[code] else NO)[(i + k) % 4]
            for k, (code, _) in enumerate(INDICATORS)]
    row.append("hộ mẫu" if i % 5 == 0 else "")
    w.writerow(row)
    twin = {"id": h["id"], "survey_date": h["survey_date"], "province": h["province"],
            "district": h["district"], "commune": h["commune"], "village": h["village"],
            "area": h["area"], "size": size}
    for key in ("b1_score", "income_per_capita_month", "floor_area_m2"):
        if key in h:
            twin[key] = h[key]
    twin["livelihood"] = h["livelihood"]
    if prev:
        twin["previous"] = {"status": prev["status"], "year": prev["year"]}
    twin["deprivations"] = {code: dep[code] for code, _ in INDICATORS if dep.get(code) is not None}
    twins.append(json.dumps(twin, ensure_ascii=False))
open(out_csv, "wb").write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
open(out_json, "w", encoding="utf-8").write("\n".join(twins) + "\n")
