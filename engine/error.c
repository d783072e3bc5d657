/*
** error.c: structured errors and the message catalogue. Every message for people exists in
** Vietnamese and English; placeholders are positional (%1$s) so each language may order
** them as it reads best. The catalogue is one table: add a message in one place.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "utf8.h"

typedef struct catalogue_entry {
    const char *key;
    const char *vi;
    const char *en;
} catalogue_entry;

/* Looked up by key; errors are rare, so a linear scan keeps the table free of ordering rules. */
static const catalogue_entry catalogue[] = {
    {"bad_class", "quy định '%1$s': hạng '%2$s' không hợp lệ (cần poor, near_poor, middle_income hoặc not_poor)",
     "provision '%1$s': class '%2$s' is not one of poor, near_poor, middle_income, not_poor"},
    {"bad_area", "area_is: '%1$s' không phải rural hoặc urban", "area_is: '%1$s' is not rural or urban"},
    {"bad_date", "%1$s: '%2$s' không phải ngày YYYY-MM-DD hợp lệ", "%1$s: '%2$s' is not a valid YYYY-MM-DD date"},
    {"bad_basis", "quy định '%1$s': basis '%2$s' không hợp lệ (cần b1 hoặc income)",
     "provision '%1$s': basis '%2$s' is not b1 or income"},
    {"bad_when", "'%1$s': when phải là một điều kiện (at_most, at_least, above, below, has, lacks, area_is, dated_before, dated_from, all_of, any_of, always) hoặc một hàm",
     "'%1$s': when must be a condition (at_most, at_least, above, below, has, lacks, area_is, dated_before, dated_from, all_of, any_of, always) or a function"},
    {"bad_status", "'%1$s': trạng thái '%2$s' không hợp lệ (cần CONFIRMED, SECONDARY hoặc UNCONFIRMED)",
     "'%1$s': status '%2$s' is not one of CONFIRMED, SECONDARY, UNCONFIRMED"},
    {"budget", "quy tắc vượt ngân sách %1$s lệnh cho một hộ",
     "rule code ran past its budget of %1$s instructions for one household"},
    {"budget_load", "tệp quy tắc vượt ngân sách %1$s lệnh khi nạp",
     "a rule file ran past its budget of %1$s instructions while loading"},
    {"class_and_undetermined", "quy định '%1$s': chỉ được có class hoặc undetermined, không được cả hai",
     "provision '%1$s': give either class or undetermined, not both"},
    {"condition_param", "%1$s: tên tham số phải viết trong ngoặc kép, nhận được %2$s", "%1$s: the parameter name must be a string, found %2$s"},
    {"condition_part", "%1$s: mỗi phần phải là một điều kiện", "%1$s: every part must be a condition"},
    {"condition_unknown_param", "'%1$s': điều kiện so sánh với tham số '%2$s' không có trong bộ quy tắc",
     "'%1$s': a condition compares with parameter '%2$s', which the rule set does not have"},
    {"declaration_after_load", "không được khai báo %1$s khi đang phân loại: mọi khai báo phải ở cấp trên cùng của tệp quy tắc",
     "%1$s may not be declared while classifying: every declaration belongs at the top level of a rule file"},
    {"definition_missing", "%1$s '%2$s' thiếu phần định nghĩa { ... }", "%1$s '%2$s' lacks its definition { ... }"},
    {"not_applicable", "bộ quy tắc %1$s không áp dụng cho hộ này (hàm applies của nó)",
     "rule set %1$s does not apply to this household (its applies function)"},
    {"definition_table", "%1$s '%2$s': phần định nghĩa phải là một bảng { ... }",
     "%1$s '%2$s': the definition must be a table { ... }"},
    {"derive_not_boolean", "chỉ số '%1$s': hàm derive trả về %2$s, cần true, false hoặc nil",
     "indicator '%1$s': derive returned %2$s, expected true, false or nil"},
    {"applies_not_boolean", "bộ quy tắc '%1$s': hàm applies trả về %2$s, cần true hoặc false",
     "rule set '%1$s': applies returned %2$s, expected true or false"},
    {"duplicate", "%1$s '%2$s' được khai báo hai lần", "%1$s '%2$s' is declared twice"},
    {"duplicate_id", "bộ quy tắc '%1$s' có hai thư mục: %2$s và %3$s",
     "rule set '%1$s' is defined twice: %2$s and %3$s"},
    {"duplicate_ruleset", "tệp khai báo ruleset { ... } hai lần", "ruleset { ... } is declared twice"},
    {"exp_area", "\"rural\" hoặc \"urban\"", "\"rural\" or \"urban\""},
    {"exp_bool", "true hoặc false", "true or false"},
    {"exp_date", "ngày hợp lệ dạng \"YYYY-MM-DD\"", "a valid date \"YYYY-MM-DD\""},
    {"exp_int_ge0", "số nguyên ≥ 0", "an integer ≥ 0"},
    {"exp_int_ge1", "số nguyên ≥ 1", "an integer ≥ 1"},
    {"exp_livelihood", "\"agriculture\", \"forestry\", \"fishery\", \"salt\" hoặc \"other\"",
     "\"agriculture\", \"forestry\", \"fishery\", \"salt\" or \"other\""},
    {"exp_member", "một đối tượng JSON cho mỗi thành viên", "a JSON object per member"},
    {"exp_object", "một đối tượng JSON", "a JSON object"},
    {"exp_commune_code", "mã xã năm chữ số, ví dụ \"23293\"", "a five-digit commune code such as \"23293\""},
    {"exp_province", "mã tỉnh hai chữ số, ví dụ \"62\"", "a two-digit province code such as \"62\""},
    {"exp_string", "một văn bản không rỗng", "a non-empty string"},
    {"exp_array", "một mảng JSON", "a JSON array"},
    {"extends_cycle", "bộ quy tắc '%1$s' kế thừa vòng tròn (extends)", "rule set '%1$s' extends itself through its parents"},
    {"extends_unknown", "bộ quy tắc '%1$s' kế thừa '%2$s', nhưng không có bộ quy tắc nào như vậy",
     "rule set '%1$s' extends '%2$s', which does not exist"},
    {"field_text", "'%1$s': trường '%2$s' phải là văn bản không rỗng, viết trong ngoặc kép",
     "'%1$s': field '%2$s' must be a non-empty string"},
    {"ignored_answer", "chỉ số '%1$s' không thuộc bộ quy tắc %2$s nên câu trả lời bị bỏ qua",
     "indicator '%1$s' is not part of rule set %2$s; its answer was ignored"},
    {"indicator_exists", "chỉ số '%1$s' đã có trong bộ quy tắc cha %2$s; hãy dùng remove_indicator rồi khai báo lại nếu cần thay",
     "indicator '%1$s' already exists in parent %2$s; remove_indicator it first to replace it"},
    {"in_force_dates", "ruleset.in_force cần from và to là ngày \"YYYY-MM-DD\" hợp lệ",
     "ruleset.in_force needs 'from' and 'to' as valid \"YYYY-MM-DD\" dates"},
    {"in_force_order", "ruleset.in_force: ngày bắt đầu %1$s sau ngày kết thúc %2$s",
     "ruleset.in_force: 'from' %1$s is after 'to' %2$s"},
    {"invalid_field", "trường '%1$s': cần %2$s, nhận được %3$s",
     "field '%1$s': expected %2$s, found %3$s"},
    {"invalid_json", "không phải JSON hợp lệ (lỗi ở cột %1$s): %2$s",
     "not valid JSON (error at column %1$s): %2$s"},
    {"invalid_json_line", "không phải JSON hợp lệ (lỗi ở dòng thứ %1$s của bản ghi, cột %2$s): %3$s",
     "not valid JSON (error on line %1$s of the record, column %2$s): %3$s"},
    {"json_not_object", "một hộ phải là một đối tượng JSON { ... }", "a household must be a JSON object { ... }"},
    {"json_syntax", "lỗi cú pháp", "syntax error"},
    {"json_trailing", "còn văn bản sau bản ghi", "text after the record"},
    {"labels", "'%1$s': cần một bảng { vi = \"...\", en = \"...\" }",
     "'%1$s': needs a table { vi = \"...\", en = \"...\" }"},
    {"legal_basis", "ruleset.legal_basis phải là danh sách văn bản pháp lý không rỗng",
     "ruleset.legal_basis must be a non-empty list of legal texts"},
    {"memory", "quy tắc vượt giới hạn bộ nhớ %1$s byte", "rule code ran past the memory cap of %1$s bytes"},
    {"missing_basis", "thiếu cơ sở thu nhập: cần b1_score (điểm Phiếu B1) hoặc income_per_capita_month (thu nhập bình quân đầu người/tháng)",
     "no income basis: needs b1_score (Phiếu B1 score) or income_per_capita_month (measured monthly income per person)"},
    {"missing_field", "thiếu trường bắt buộc '%1$s'", "required field '%1$s' is missing"},
    {"missing_indicator", "thiếu câu trả lời cho chỉ số thiếu hụt '%1$s' (deprivations.%1$s), mà bộ quy tắc cần",
     "no answer for deprivation indicator '%1$s' (deprivations.%1$s), which the rule set needs"},
    {"mistake_number_grouped", "viết số không có dấu chấm phân cách: %2$s (không viết %1$s)",
     "write the number without separators: %2$s (not %1$s)"},
    {"mistake_number_commas", "'%1$s': viết số không có dấu phẩy phân cách: value = %2$s",
     "'%1$s': write the number without commas: value = %2$s"},
    {"mistake_missing_comma", "thiếu dấu phẩy ở cuối dòng này (trước '%1$s'): mỗi trường trong { ... } kết thúc bằng dấu phẩy",
     "a comma is missing at the end of this line (before '%1$s'): every field inside { ... } ends with a comma"},
    {"mistake_missing_comma_inline", "thiếu dấu phẩy trước '%1$s' trên dòng này: các trường trong { ... } ngăn cách bằng dấu phẩy",
     "a comma is missing before '%1$s' on this line: fields inside { ... } are separated by commas"},
    {"mistake_unclosed_brace", "dấu { mở trên dòng này chưa được đóng (tệp hết ở dòng %1$s): thêm dấu } ở cuối khai báo",
     "the { opened on this line is never closed (the file ends on line %1$s): add a } at the end of the declaration"},
    {"value_commas_area", "tham số '%1$s': một số trong value được viết có dấu phẩy phân cách (như 2,200,000): viết số liền, 2200000",
     "parameter '%1$s': a number in value is written with commas (like 2,200,000): write it without them, 2200000"},
    {"mistake_unclosed_string", "văn bản mở bằng dấu \" trên dòng này chưa được đóng: thêm dấu \" ở cuối văn bản",
     "the text opened with \" on this line is never closed: add a \" at its end"},
    {"mistake_unclosed_long", "văn bản hoặc chú thích mở bằng [[ hoặc --[[ chưa được đóng bằng ]]",
     "a text or comment opened with [[ or --[[ is never closed with ]]"},
    {"mistake_syntax", "lỗi cú pháp trong tệp quy tắc (thông báo của Lua: %1$s)", "%1$s"},
    {"field_unknown_suggest", "'%1$s': trường '%2$s' không có; có phải '%3$s'?",
     "'%1$s': there is no field '%2$s'; did you mean '%3$s'?"},
    {"field_unknown", "'%1$s': trường '%2$s' không có (các trường: %3$s)",
     "'%1$s': there is no field '%2$s' (the fields are: %3$s)"},
    {"field_unnamed", "'%1$s': giá trị %2$s không có tên trường: viết tên = giá trị, ngăn cách bằng dấu phẩy",
     "'%1$s': the value %2$s has no field name: write name = value, separated by commas"},
    {"field_quote", "'%1$s': trường '%2$s' là văn bản: viết trong ngoặc kép, %2$s = \"%3$s\"",
     "'%1$s': field '%2$s' is text: write it in double quotes, %2$s = \"%3$s\""},
    {"no_indicators", "bộ quy tắc '%1$s' không khai báo chỉ số nào", "rule set '%1$s' declares no indicator"},
    {"no_provisions", "bộ quy tắc '%1$s' không khai báo quy định phân loại nào",
     "rule set '%1$s' declares no classification provision"},
    {"no_provision_decided", "bộ quy tắc '%1$s': không quy định nào áp dụng cho hộ này (cần một quy định cuối cùng luôn đúng)",
     "rule set '%1$s': no provision decided this household (end with a provision that always holds)"},
    {"no_ruleset", "không có bộ quy tắc nào có hiệu lực vào ngày %1$s",
     "no rule set is in force on %1$s"},
    {"no_ruleset_file", "không tìm thấy khai báo ruleset { ... } trong ruleset.lua",
     "ruleset.lua does not declare ruleset { ... }"},
    {"no_rulesets", "thư mục %1$s không chứa bộ quy tắc nào (ruleset.lua)",
     "directory %1$s holds no rule set (ruleset.lua)"},
    {"not_function", "'%1$s': '%2$s' phải là một hàm", "'%1$s': '%2$s' must be a function"},
    {"outside_force", "ngày %1$s nằm ngoài thời gian hiệu lực của %2$s (%3$s đến %4$s)",
     "date %1$s is outside the period rule set %2$s is in force (%3$s to %4$s)"},
    {"overlap", "hai bộ quy tắc quốc gia có hiệu lực chồng nhau: %1$s (%2$s) và %3$s (%4$s)",
     "two national rule sets are in force at the same time: %1$s (%2$s) and %3$s (%4$s)"},
    {"override_unknown", "override '%1$s': bộ quy tắc cha %2$s không có tham số này",
     "override '%1$s': parent %2$s has no parameter of that name"},
    {"parameter_exists", "tham số '%1$s' đã có trong bộ quy tắc cha %2$s; hãy dùng override",
     "parameter '%1$s' already exists in parent %2$s; use override"},
    {"places_format", "%1$s: dòng không đúng định dạng rasoat.places/1 (cần %2$s)",
     "%1$s: the line is not rasoat.places/1 (expected %2$s)"},
    {"province_closed", "mã tỉnh \"%1$s\" đã được sáp nhập vào \"%2$s\" (%3$s) từ ngày %4$s: hộ khảo sát từ ngày đó ghi mã \"%2$s\" (và commune_code hoặc former_province để biết tỉnh cũ)",
     "\"%1$s\" was merged into \"%2$s\" (%3$s) on %4$s: a household surveyed from then on carries \"%2$s\" (and commune_code or former_province for its former province)"},
    {"province_unknown", "không có tỉnh nào mang mã %1$s vào ngày %2$s", "no province has code %1$s on %2$s"},
    {"province_contradicts", "province \"%1$s\" mâu thuẫn với commune_code \"%2$s\" (%3$s), là xã thuộc tỉnh %4$s",
     "province \"%1$s\" contradicts commune_code \"%2$s\" (%3$s), which is in province %4$s"},
    {"commune_closed", "mã xã %1$s đã thôi sử dụng từ ngày %2$s: xã đã được sắp xếp vào %3$s",
     "commune code %1$s is closed from %2$s: the commune went into %3$s"},
    {"commune_unknown", "không có xã nào mang mã \"%1$s\" vào ngày %2$s", "no commune has code \"%1$s\" on %2$s"},
    {"former_unknown", "former_province %1$s không phải mã một tỉnh trước ngày sắp xếp",
     "former_province %1$s is not the code of a province before the reform"},
    {"former_contradicts", "former_province %1$s không nằm trong tỉnh %2$s sau sắp xếp",
     "former_province %1$s did not go into province %2$s"},
    {"former_contradicts_commune", "former_province %1$s mâu thuẫn với commune_code \"%2$s\" (%3$s), được lập từ địa bàn tỉnh cũ %4$s",
     "former_province %1$s contradicts commune_code \"%2$s\" (%3$s), which was formed from former province(s) %4$s"},
    {"former_before_reform", "former_province \"%1$s\" khác province \"%2$s\": trước ngày %3$s tỉnh của hộ chính là địa bàn của nó",
     "former_province \"%1$s\" differs from province \"%2$s\": before %3$s a household's province is its own territory"},
    {"territory_unknown", "không xác định được bộ quy tắc %3$s có áp dụng không: bộ này áp dụng cho địa bàn tỉnh cũ \"%4$s\", còn tỉnh %1$s được lập từ các tỉnh cũ %2$s; cần ghi commune_code (mã xã năm chữ số) hoặc former_province (mã tỉnh cũ) vào hồ sơ hộ",
     "cannot tell whether rule set %3$s applies: it covers the territory of former province \"%4$s\", and province %1$s was formed from former provinces %2$s; add commune_code (the five-digit commune code) or former_province (the former province's code) to the record"},
    {"former_town", "xã %1$s có địa bàn thị trấn cũ (thị trấn không còn từ ngày %2$s); hộ ghi area \"%3$s\". Chưa có hướng dẫn chuẩn thu nhập thành thị còn áp dụng cho địa bàn thị trấn cũ hay không (khoảng trống former_town_area): hạng tính theo area như đã ghi, cần xác nhận.",
     "commune %1$s took in a former town (thị trấn, abolished from %2$s); the record gives area \"%3$s\". No guidance says whether the urban income line still applies to former towns (gap former_town_area): the class follows area as recorded; confirm it."},
    {"former_town_set", "xã %1$s có địa bàn thị trấn cũ (thị trấn không còn từ ngày %2$s); bộ quy tắc %4$s đặt former_town_area = \"%3$s\" nên hộ được tính là khu vực \"%3$s\" (khoảng trống former_town_area).",
     "commune %1$s took in a former town (thị trấn, abolished from %2$s); rule set %4$s sets former_town_area = \"%3$s\", so the household is taken as \"%3$s\" (gap former_town_area)."},
    {"former_town_area", "ruleset.former_town_area phải là \"recorded\", \"rural\" hoặc \"urban\"",
     "ruleset.former_town_area must be \"recorded\", \"rural\" or \"urban\""},
    {"territory_code", "bộ quy tắc '%1$s': jurisdiction \"%2$s\" không phải mã tỉnh vào ngày %3$s, ngày bộ quy tắc bắt đầu có hiệu lực (địa bàn khai báo theo mã tỉnh lúc ban hành)",
     "rule set '%1$s': jurisdiction \"%2$s\" is not a province code on %3$s, the day it comes into force (a territory is declared by the province code of its adoption)"},
    {"read_failed", "không đọc được %1$s: %2$s", "cannot read %1$s: %2$s"},
    {"remove_unknown", "remove_indicator '%1$s': bộ quy tắc cha %2$s không có chỉ số này",
     "remove_indicator '%1$s': parent %2$s has no indicator of that name"},
    {"ruleset_table", "ruleset cần một bảng { id = ..., ... }", "ruleset needs a table { id = ..., ... }"},
    {"size_members", "size = %1$s nhưng members có %2$s người", "size is %1$s but members lists %2$s people"},
    {"transition_list", "chuyển dịch '%1$s': '%2$s' phải là danh sách không rỗng",
     "transition '%1$s': '%2$s' must be a non-empty list"},
    {"transition_value", "chuyển dịch '%1$s': %2$s có giá trị '%3$s' không hợp lệ (cần poor, near_poor, middle_income, not_poor; from còn nhận none)",
     "transition '%1$s': %2$s holds '%3$s', which is not poor, near_poor, middle_income or not_poor (from also takes none)"},
    {"transition_uncovered", "bộ quy tắc '%1$s': không chuyển dịch nào (không cần lịch sử) khớp với hộ đầu năm '%2$s' nay '%3$s'",
     "rule set '%1$s': no transition (without history) covers a household that started the year '%2$s' and is now '%3$s'"},
    {"exp_status", "\"poor\", \"near_poor\", \"middle_income\" hoặc \"not_poor\"",
     "\"poor\", \"near_poor\", \"middle_income\" or \"not_poor\""},
    {"exp_year", "năm là số nguyên, ví dụ 2024", "a year as an integer, such as 2024"},
    {"exp_year_before", "năm trước previous.year (%1$s)", "a year before previous.year (%1$s)"},
    {"exp_change", "\"died\", \"moved_out\", \"merged_out\", \"moved_in\", \"split\" hoặc \"merged_in\"",
     "\"died\", \"moved_out\", \"merged_out\", \"moved_in\", \"split\" or \"merged_in\""},
    {"keep_reserved", "--keep: '%1$s' là trường của bản ghi kết quả, không giữ lại được từ dữ liệu vào",
     "--keep: '%1$s' is a field of the result record and cannot be kept from the input"},
    {"unconfirmed_value", "tham số '%1$s' có trạng thái UNCONFIRMED: không được mã hóa con số chưa xác minh; hãy khai báo gap",
     "parameter '%1$s' is UNCONFIRMED: an unverified figure may not be encoded; declare a gap instead"},
    {"unknown_fact", "không có dữ kiện '%1$s' (có: b1, income, income_year, b2, deprived, size)",
     "no fact '%1$s' (facts: b1, income, income_year, b2, deprived, size)"},
    {"unknown_gap", "quy định '%1$s' nêu nội dung chưa xác minh '%2$s' chưa được khai báo bằng gap",
     "provision '%1$s' names gap '%2$s', which no gap declares"},
    {"unknown_ruleset", "không có bộ quy tắc '%1$s' trong %2$s", "no rule set '%1$s' in %2$s"},
    {"value_area_key", "tham số '%1$s': khóa khu vực '%2$s' không hợp lệ (cần rural, urban)",
     "parameter '%1$s': area key '%2$s' is not rural or urban"},
    {"value_by_area", "tham số '%1$s': giá trị cho khu vực '%2$s' phải là số nguyên",
     "parameter '%1$s': the value for area '%2$s' must be an integer"},
    {"value_float", "tham số '%1$s': giá trị %2$s là số thập phân; tiền và số đếm phải là số nguyên để tính chính xác",
     "parameter '%1$s': %2$s is a decimal number; money and counts must be integers so arithmetic is exact"},
    {"when_not_boolean", "'%1$s': hàm when trả về %2$s, cần true hoặc false",
     "'%1$s': when returned %2$s, expected true or false"},
    {"value_type", "tham số '%1$s': giá trị phải là số nguyên hoặc { rural = ..., urban = ... }, nhận được %2$s",
     "parameter '%1$s': value must be an integer or { rural = ..., urban = ... }, found %2$s"},
    /* The sandbox's trust boundary (rule code, rule files, records). */
    {"error_value", "quy tắc báo lỗi bằng một giá trị kiểu %1$s thay vì một thông báo",
     "the rule raised a %1$s as its error instead of a message"},
    {"time_limit", "quy tắc chạy quá %1$s giây (giới hạn thời gian thực, biện pháp cuối cùng khi ngân sách lệnh không đo được công việc)",
     "rule code ran past %1$s seconds of wall-clock time (the last-resort limit, for work the instruction budget cannot measure)"},
    {"extends_too_deep", "bộ quy tắc '%1$s' kế thừa qua quá nhiều tầng (extends): tối đa %2$s bộ quy tắc trong một chuỗi",
     "rule set '%1$s' extends through too many levels: at most %2$s rule sets in one chain"},
    {"not_regular_file", "%1$s không phải là một tệp thông thường (thiết bị, FIFO hay thư mục không được dùng làm tệp quy tắc)",
     "%1$s is not a regular file (a device, a FIFO or a directory cannot be a rule file)"},
    {"file_too_large", "tệp quy tắc %1$s lớn hơn %2$s byte", "rule file %1$s is larger than %2$s bytes"},
    {"record_too_large", "bản ghi dài %1$s byte, vượt giới hạn %2$s byte cho một hộ",
     "the record is %1$s bytes long, past the limit of %2$s bytes for one household"},
    {"nested_too_deep", "trường '%1$s': lồng nhau quá %2$s tầng", "field '%1$s': nested deeper than %2$s levels"},
    {"invalid_text", "trường '%1$s': văn bản chứa ký tự NUL hoặc byte không phải UTF-8",
     "field '%1$s': the text holds a NUL character or bytes that are not UTF-8"},
    {"outside_rules", "%1$s dẫn ra ngoài thư mục quy tắc %2$s (liên kết tượng trưng)",
     "%1$s leads outside the rules directory %2$s (a symbolic link)"},
    /* The audit trail (engine/audit/): the decision log, its archive, keys, verify, replay
    ** and the record reader. The command prefixes each with its name. */
    {"log_no_memory", "hết bộ nhớ", "out of memory"},
    {"log_open", "không mở được nhật ký %1$s: %2$s", "cannot open log %1$s: %2$s"},
    {"log_locked", "nhật ký %1$s đang được một tiến trình khác ghi", "log %1$s is being written by another process"},
    {"log_read", "không đọc được nhật ký %1$s: %2$s", "cannot read log %1$s: %2$s"},
    {"log_write", "không ghi được nhật ký %1$s: %2$s", "cannot write log %1$s: %2$s"},
    {"log_torn_tail", "dòng cuối của nhật ký %1$s bị ghi dở (không có ký tự xuống dòng); không ghi tiếp vào chuỗi. Kiểm tra: rasoat verify %1$s; bỏ dòng dở: rasoat verify --repair %1$s",
     "the last line of log %1$s is torn (no line feed); not appending to its chain. Check: rasoat verify %1$s; drop the torn line: rasoat verify --repair %1$s"},
    {"log_bad_tail", "dòng cuối của nhật ký %1$s không còn nguyên vẹn; không ghi tiếp. Kiểm tra: rasoat verify %1$s",
     "the last line of log %1$s is not intact; not appending. Check: rasoat verify %1$s"},
    {"log_archive", "không lưu được bộ quy tắc %1$s vào %2$s: %3$s", "cannot archive rule set %1$s in %2$s: %3$s"},
    {"archive_place", "không xác định được chỗ của %1$s trong kho lưu", "cannot place %1$s in the archive"},
    {"archive_copy_rules", "không chép được các tệp quy tắc của %1$s: %2$s", "cannot copy the rule files of %1$s: %2$s"},
    {"archive_copy", "không chép được %1$s: %2$s", "cannot copy %1$s: %2$s"},
    {"archive_no_load", "bản chép không nạp được: %1$s", "the copy does not load: %1$s"},
    {"archive_other_hash", "bản chép nạp được nhưng không có bộ quy tắc nào mang mã băm %1$s (tệp quy tắc đã bị sửa sau khi nạp?)",
     "the copy loads but no rule set in it has hash %1$s (were rule files changed after they were loaded?)"},
    {"archive_unknown", "không có bộ quy tắc nào mang mã băm %1$s", "no loaded rule set has hash %1$s"},
    {"archive_create", "không tạo được %1$s: %2$s", "cannot create %1$s: %2$s"},
    {"archive_sums", "không ghi được danh sách tệp %1$s/%2$s: %3$s", "cannot write the file list %1$s/%2$s: %3$s"},
    {"archive_rename", "không đổi tên được %1$s: %2$s", "cannot rename %1$s: %2$s"},
    {"archive_changed", "%1$s đã bị sửa sau khi lưu", "%1$s was changed after it was archived"},
    {"key_exists", "%1$s hoặc %2$s đã có; không ghi đè một khóa", "%1$s or %2$s exists already; a key is never overwritten"},
    {"key_write", "không ghi được khóa %1$s: %2$s", "cannot write key %1$s: %2$s"},
    {"key_not_secret", "%1$s không phải khóa bí mật của rasoat (tạo bằng rasoat keygen): %2$s",
     "%1$s is not a rasoat secret key (made by rasoat keygen): %2$s"},
    {"key_readable", "cảnh báo: người khác đọc được khóa bí mật %1$s (chmod 600 %1$s)",
     "warning: others can read secret key %1$s (chmod 600 %1$s)"},
    {"key_not_public", "%1$s không phải khóa công khai của rasoat (tệp .pub của rasoat keygen): %2$s",
     "%1$s is not a rasoat public key (the .pub of rasoat keygen): %2$s"},
    {"verify_open", "không mở được %1$s: %2$s", "cannot open %1$s: %2$s"},
    {"verify_read", "lỗi đọc %1$s", "cannot read %1$s"},
    {"verify_torn", "dòng cuối bị cắt cụt (không có ký tự xuống dòng): máy dừng khi đang ghi, hoặc tệp bị cắt bớt",
     "the last line is cut off (no line feed): a crash while writing, or a truncation"},
    {"verify_checkpoint", "điểm kiểm tra không mang chữ ký hợp lệ của khóa này cho đầu chuỗi trước nó: điểm kiểm tra hoặc chuỗi trước nó đã bị sửa, hoặc được ký bằng khóa khác",
     "the checkpoint does not carry this key's valid signature of the chain head before it: the checkpoint or the chain before it was altered, or it was signed with another key"},
    {"verify_uncovered", "các bản ghi số %1$s đến %2$s không được điểm kiểm tra nào ký bằng khóa này bảo đảm: chuỗi đã bị tính lại sau khi sửa, phần cuối bị cắt cùng điểm kiểm tra, hoặc lượt chạy không ký",
     "records %1$s to %2$s are covered by no checkpoint signed with this key: the chain was recomputed after an edit, its end cut off with its checkpoint, or the run was not signed"},
    {"verify_moved", "dòng này mang bản ghi số %1$s trong khi phải là %2$s, và bản ghi số %2$s nằm ở dòng %3$s: các bản ghi bị đảo thứ tự",
     "this line holds record %1$s where %2$s belongs, and record %2$s stands at line %3$s: records were reordered"},
    {"verify_malformed", "dòng không phải một bản ghi nhật ký (không phải JSON hoặc sai cấu trúc): đã bị sửa hoặc bị chèn",
     "the line is not a log record (not JSON, or not its shape): altered or inserted"},
    {"verify_altered_hash", "bản ghi đã bị sửa: dòng ghi mã băm %1$s nhưng nội dung của nó cho mã băm %2$s",
     "the record was altered: the line says hash %1$s but its content hashes to %2$s"},
    {"verify_altered_decision", "bản ghi đã bị sửa: mã quyết định không khớp nội dung dòng",
     "the record was altered: its decision id does not match the line's content"},
    {"verify_removed_one", "thiếu bản ghi số %1$s: đã bị xóa ngay trước dòng này (dòng này là bản ghi số %2$s)",
     "record %1$s is missing: removed just before this line (this line is record %2$s)"},
    {"verify_removed", "thiếu các bản ghi số %1$s đến %2$s: đã bị xóa ngay trước dòng này (dòng này là bản ghi số %3$s)",
     "records %1$s to %2$s are missing: removed just before this line (this line is record %3$s)"},
    {"verify_inserted", "dòng này mang số %1$s trong khi phải là %2$s: bản ghi bị chèn thêm hoặc đảo thứ tự",
     "this line holds record %1$s where %2$s belongs: a record was inserted or moved"},
    {"verify_first_line", "dòng đầu không mở đầu chuỗi ('prev' không phải 64 số 0): các bản ghi trước nó đã bị xóa",
     "the first line does not start the chain ('prev' is not 64 zeros): the records before it were removed"},
    {"verify_chain", "'prev' không khớp mã băm của dòng %1$s: dòng %1$s đã bị thay, hoặc bản ghi bị xóa/chèn rồi đánh số lại",
     "'prev' does not match the hash of line %1$s: line %1$s was replaced, or records were removed or inserted and renumbered"},
    {"replay_open", "không mở được %1$s: %2$s", "cannot open %1$s: %2$s"},
    {"replay_read", "lỗi đọc %1$s", "cannot read %1$s"},
    {"replay_rules", "không nạp được --rules %1$s (%2$s); chỉ tìm trong kho lưu",
     "cannot load --rules %1$s (%2$s); looking in the archive only"},
    {"replay_unavailable", "không có bộ quy tắc mang mã băm này trong %1$s lẫn kho lưu %2$s",
     "no rule set with this hash in %1$s nor in the archive %2$s"},
    {"scan_open", "không mở được %1$s: %2$s", "cannot open %1$s: %2$s"},
    {"scan_read", "không đọc được %1$s", "cannot read %1$s"},
    {"reader_empty_element", "phần tử rỗng trong mảng JSON", "empty element in the JSON array"},
    {"reader_not_closed", "mảng JSON không được đóng bằng ']'", "the JSON array is not closed with ']'"},
    {"reader_read", "không đọc được đầu vào: %1$s", "cannot read the input: %1$s"},
};

static const catalogue_entry *lookup(const char *key)
{
    size_t i;

    for (i = 0; i < sizeof catalogue / sizeof catalogue[0]; i++)
        if (catalogue[i].key[0] == key[0] && strcmp(catalogue[i].key, key) == 0)
            return &catalogue[i];
    return NULL;
}

/*
** 'text' with each "%N$s" (N from 1 to 4, the only conversion the catalogue uses) replaced
** by a[N-1], into 'buf' of 'size' bytes, cut at size - 1 bytes as snprintf cuts it. A
** warning is worded for nearly every household, and glibc's snprintf takes its slow path
** for positional arguments.
*/
static void put_args(char *buf, size_t size, const char *text, const char *const a[4])
{
    size_t n = 0;

    if (size == 0)
        return;
    while (*text != '\0' && n < size - 1) {
        const char *from = text, *to;
        size_t len;

        if (text[0] == '%' && text[1] >= '1' && text[1] <= '4' && text[2] == '$' && text[3] == 's') {
            from = a[text[1] - '1'];
            len = strlen(from);
            text += 4;
        } else {
            to = strchr(text + 1, '%');
            len = to != NULL ? (size_t)(to - text) : strlen(text);
            text += len;
        }
        if (len > size - 1 - n)
            len = size - 1 - n;
        memcpy(buf + n, from, len);
        n += len;
    }
    buf[n] = '\0';
}

void err_copy(char *dst, size_t size, const char *src)
{
    size_t n;

    if (size == 0)
        return;
    if (src == NULL)
        src = "";
    n = strlen(src);
    if (n >= size) {
        n = size - 1;
        /* Back up over UTF-8 continuation bytes so no character is cut in half. */
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
    utf8_scrub(dst); /* a rule's or a record's bytes never make the output non-UTF-8 */
}

void msg_format(char *buf, size_t size, rasoat_lang lang, const char *key,
                const char *const *args, int nargs)
{
    const catalogue_entry *m = lookup(key);
    const char *a[4] = {"", "", "", ""};
    int i;

    for (i = 0; i < nargs && i < 4; i++)
        a[i] = args[i] ? args[i] : "";
    if (m == NULL) {
        snprintf(buf, size, "%s %s %s %s %s", key, a[0], a[1], a[2], a[3]);
        return;
    }
    put_args(buf, size, lang == RASOAT_LANG_EN ? m->en : m->vi, a);
}

int err_set_text(rasoat_error *e, int code, const char *kind, const char *field,
                 const char *file, int line, const char *message)
{
    if (e == NULL)
        return code;
    e->code = code;
    err_copy(e->kind, sizeof e->kind, kind);
    err_copy(e->field, sizeof e->field, field);
    err_copy(e->file, sizeof e->file, file);
    e->line = line;
    err_copy(e->message, sizeof e->message, message);
    return code;
}

int err_set(rasoat_error *e, int code, const char *kind, const char *field, const char *file,
            int line, rasoat_lang lang, const char *key, const char *const *args, int nargs)
{
    char text[sizeof e->message];

    if (e == NULL)
        return code;
    msg_format(text, sizeof text, lang, key, args, nargs);
    return err_set_text(e, code, kind, field, file, line, text);
}
