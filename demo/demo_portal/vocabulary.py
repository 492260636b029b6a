"""Word lists and sentence templates for the demo portal's Vietnamese news.

Everything here is invented (the province "Hòa Lâm", its districts, officials
and reporters) but written the way provincial portals write: hội nghị, UBND
tỉnh, triển khai, kinh tế - xã hội. Templates use ``str.format`` slots that
``content.py`` fills from one per-article dictionary, so a headline and its
body talk about the same district, department and year.
"""

from __future__ import annotations

PROVINCE = "Hòa Lâm"
PROVINCE_SLUG = "hoalam"
SITE_NAME = f"Cổng thông tin điện tử tỉnh {PROVINCE}"

# (name, slug) in menu order. Slugs are what pathauto makes of the names.
CATEGORIES = (
    ("Tin tổng hợp", "tin-tong-hop"),
    ("Kinh tế", "kinh-te"),
    ("Văn hóa - Xã hội", "van-hoa-xa-hoi"),
    ("An ninh - Quốc phòng", "an-ninh-quoc-phong"),
    ("Chỉ đạo điều hành", "chi-dao-dieu-hanh"),
    ("Thông báo", "thong-bao"),
    ("Giáo dục - Y tế", "giao-duc-y-te"),
)

TAGS = (
    "Hội nghị", "Kinh tế - xã hội", "Chuyển đổi số", "Cải cách hành chính",
    "Đầu tư công", "Nông nghiệp", "Nông thôn mới", "OCOP", "Du lịch",
    "Lễ hội", "An ninh trật tự", "Phòng cháy chữa cháy", "Quốc phòng",
    "Giao nhận quân", "Y tế", "Phòng, chống dịch", "Giáo dục", "Tuyển sinh",
    "Thi tốt nghiệp THPT", "Tuyển dụng", "Tiếp công dân", "Đấu giá tài sản",
    "An toàn giao thông", "Xuất khẩu", "Thu ngân sách", "Khu công nghiệp",
    "Xúc tiến đầu tư", "Giảm nghèo bền vững", "Tết Nguyên đán",
    "Bảo vệ rừng", "Môi trường", "Phòng, chống thiên tai", "Doanh nghiệp",
    "Thanh niên", "Phụ nữ", "Người có công", "HĐND tỉnh", "UBND tỉnh",
    "Văn hóa", "Thể thao",
)

DISTRICTS = (
    "thành phố Hòa Lâm", "thị xã Sông Mây", "huyện Bình Sơn",
    "huyện Tân Phước", "huyện Đông Hải", "huyện Lộc An", "huyện Thạch Bàn",
    "huyện Phú Lâm", "huyện Kim Đài",
)
COMMUNES = (
    "xã Tân Lập", "xã Hòa Bình", "xã Phước Thạnh", "xã Đồng Tâm",
    "phường Minh Khai", "xã Yên Phú", "thị trấn Bình Sơn", "xã Lộc Thủy",
    "phường Quang Trung", "xã Thạch Hòa",
)
DEPARTMENTS = (
    "Sở Kế hoạch và Đầu tư", "Sở Tài chính",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giáo dục và Đào tạo",
    "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Lao động - Thương binh và Xã hội", "Sở Công Thương",
    "Sở Tài nguyên và Môi trường", "Sở Giao thông vận tải",
    "Sở Thông tin và Truyền thông", "Sở Nội vụ", "Thanh tra tỉnh",
    "Ban Quản lý các khu công nghiệp tỉnh",
)
# (full name, position): "đồng chí <name> - <position>" in the text.
LEADERS = (
    ("Nguyễn Văn Hùng", "Chủ tịch UBND tỉnh"),
    ("Hoàng Đức Thịnh", "Phó Chủ tịch thường trực UBND tỉnh"),
    ("Trần Thị Thu Hằng", "Phó Chủ tịch UBND tỉnh"),
    ("Lê Minh Khang", "Phó Chủ tịch UBND tỉnh"),
    ("Phạm Quốc Bảo", "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo Tỉnh ủy"),
)
PEOPLE = (  # quoted as "Ông <name>, Giám đốc ..."
    "Nguyễn Thanh Bình", "Trần Văn Lợi", "Lê Quang Minh", "Đỗ Quang Vinh",
    "Vũ Ngọc Lâm", "Bùi Đức Toàn", "Đặng Minh Châu", "Phan Văn Tài",
)
MINISTRIES = (
    "Bộ Kế hoạch và Đầu tư", "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Y tế", "Bộ Giáo dục và Đào tạo", "Bộ Công an", "Bộ Tài chính",
    "Bộ Văn hóa, Thể thao và Du lịch",
)
OTHER_PROVINCES = ("Sơn Hà", "Bắc Lĩnh", "Phú Giang", "Đông Thạnh", "Kim Hải")
COMPANIES = (
    "Công ty TNHH Xây dựng & Thương mại Minh Phát",
    "Công ty Cổ phần Nông sản Hòa Lâm", "Tập đoàn Sao Việt",
    "Công ty TNHH May mặc Tân Phước", "Công ty Cổ phần Năng lượng Xanh Đông Hải",
)
PROJECTS = (
    "tuyến đường ven sông Mây", "cầu Bình Sơn", "Khu công nghiệp Tân Phước II",
    "Bệnh viện Đa khoa khu vực Đông Hải", "hồ chứa nước Lộc An",
    "Trung tâm Văn hóa - Thể thao tỉnh",
)
FESTIVALS = (
    "Đền Mẫu Hòa Lâm", "Hoa ban Thạch Bàn", "Đua thuyền truyền thống sông Mây",
    "Chùa Phúc Lâm", "Cầu Ngư Đông Hải",
)
MODELS = (
    "Camera an ninh", "Tổ tự quản về an ninh trật tự", "Khu dân cư an toàn",
    "Dòng họ không có tội phạm",
)
DISEASES = ("sốt xuất huyết", "tay chân miệng", "cúm A", "COVID-19", "sởi")
DISASTERS = ("hạn hán, xâm nhập mặn", "mưa lũ, sạt lở đất", "rét đậm, rét hại", "cháy rừng")
VENUES = (
    "Hội trường UBND tỉnh", "Trung tâm Hội nghị tỉnh", "trụ sở Tỉnh ủy",
    "Nhà Văn hóa trung tâm tỉnh",
)

# The people who sign articles and the outlets articles are taken from.
REPORTERS = (
    "Thu Hà", "Minh Đức", "Hoàng Anh", "Lan Phương", "Quang Huy",
    "Ngọc Ánh", "Văn Thắng", "Thanh Tâm", "Hải Yến", "Đức Trung",
    "Phương Thảo", "Bích Ngọc", "Trọng Nghĩa", "Khánh Linh", "Mai Hiếu",
)
REPORTERS_IN_CAPITALS = (
    "MINH ĐẢM", "N. NGA", "THU HÀ", "QUANG HUY", "H. LINH", "TRỌNG NGHĨA",
    "P. THẢO",
)
OUTLETS = (
    "TTXVN", f"Báo {PROVINCE}", "Cổng TTĐT Chính phủ", "Báo Nhân Dân", "VOV",
    f"Đài PT-TH {PROVINCE}", "Báo Tin tức",
)

# Headlines per category slug.
TITLES = {
    "tin-tong-hop": (
        "UBND tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm {year}",
        "Đoàn công tác của {ministry} làm việc với UBND tỉnh {province}",
        "Chủ tịch UBND tỉnh tiếp công dân định kỳ tháng {month}",
        "Hội nghị trực tuyến triển khai nhiệm vụ phát triển kinh tế - xã hội năm {year}",
        "Phó Chủ tịch UBND tỉnh kiểm tra tình hình sản xuất tại {district}",
        "Tỉnh {province} tiếp và làm việc với Đoàn công tác tỉnh {other_province}",
        "Kỳ họp thứ {small} HĐND tỉnh khóa XVIII bế mạc.",
        "Lãnh đạo tỉnh thăm, chúc mừng các cơ quan báo chí nhân Ngày Báo chí Cách mạng Việt Nam",
    ),
    "kinh-te": (
        "Thu ngân sách nhà nước {months} tháng đầu năm {year} đạt {pct}% dự toán",
        "{District} đẩy mạnh phát triển sản phẩm OCOP",
        "Khởi công xây dựng {project}",
        "Kim ngạch xuất khẩu của tỉnh tăng {pct_small}% so với cùng kỳ",
        "Trao quyết định chủ trương đầu tư cho {company}",
        "Hội nghị xúc tiến đầu tư vào các khu công nghiệp năm {year}.",
        "Giải ngân vốn đầu tư công: quyết liệt tháo gỡ vướng mắc",
        "Nông dân {district} được mùa lúa vụ {season}",
    ),
    "van-hoa-xa-hoi": (
        "Khai mạc Lễ hội {festival} năm {year}",
        "Trao {gifts} suất quà Tết cho hộ nghèo {district}",
        "Ngày hội Đại đoàn kết toàn dân tộc tại {commune}",
        "Công nhận {small} làng văn hóa tiêu biểu năm {year}.",
        "Giải chạy việt dã tỉnh {province} lần thứ {small} thu hút hơn {crowd} vận động viên",
        "Bàn giao nhà đại đoàn kết cho hộ khó khăn tại {commune}",
        "Tuyên dương {small} gương điển hình tiên tiến năm {year}",
    ),
    "an-ninh-quoc-phong": (
        "Lễ giao nhận quân năm {year} tại {district}",
        "Diễn tập khu vực phòng thủ {district} năm {year} đạt kết quả tốt",
        "Công an tỉnh triển khai đợt cao điểm tấn công, trấn áp tội phạm",
        "Bảo đảm an ninh trật tự dịp Tết Nguyên đán {year}",
        "Tổng kết công tác quân sự, quốc phòng địa phương năm {prev_year}.",
        "Ra mắt mô hình “{model}” tại {commune}",
        "Tuyên truyền pháp luật về an toàn giao thông cho học sinh {district}",
    ),
    "chi-dao-dieu-hanh": (
        "UBND tỉnh ban hành Kế hoạch thực hiện chương trình chuyển đổi số năm {year}",
        "Chủ tịch UBND tỉnh chỉ đạo tăng cường phòng, chống {disaster}",
        "Tăng cường kỷ luật, kỷ cương hành chính trong các cơ quan nhà nước",
        "Chỉ thị về việc đẩy mạnh cải cách thủ tục hành chính năm {year}",
        "Triển khai các giải pháp cấp bách phòng cháy, chữa cháy rừng",
        "UBND tỉnh yêu cầu đẩy nhanh tiến độ giải ngân vốn đầu tư công.",
        "Chấn chỉnh công tác tiếp nhận, xử lý phản ánh, kiến nghị của người dân",
    ),
    "thong-bao": (
        "Thông báo tuyển dụng viên chức {department} năm {year}",
        "Thông báo lịch tiếp công dân tháng {month}/{year} của Chủ tịch UBND tỉnh",
        "Thông báo kết quả lựa chọn tổ chức đấu giá tài sản",
        "Thông báo lấy ý kiến dự thảo Nghị quyết của HĐND tỉnh",
        "Thông báo mời thầu gói thầu xây lắp {project}",
        "Thông báo về việc nghỉ Tết Nguyên đán {year}.",
    ),
    "giao-duc-y-te": (
        "Kỳ thi tốt nghiệp THPT năm {year} diễn ra an toàn, nghiêm túc",
        "Tăng cường phòng, chống dịch {disease} trên địa bàn tỉnh",
        "Khám bệnh, cấp thuốc miễn phí cho {crowd} người dân {district}",
        "Tuyên dương {small} học sinh đạt giải học sinh giỏi quốc gia năm học {school_year}",
        "Bệnh viện Đa khoa tỉnh triển khai thành công kỹ thuật can thiệp tim mạch",
        "Khai giảng năm học mới {school_year}.",
        "Tiêm chủng mở rộng: bảo đảm an toàn cho trẻ em dưới 5 tuổi",
    ),
}

# Sentences any article can use.
GENERAL_SENTENCES = (
    "Tham dự hội nghị có đồng chí {leader}, đại diện lãnh đạo các sở, ban, ngành và UBND các huyện, thị xã, thành phố.",
    "Theo báo cáo, trong {period}, {department} đã chủ động tham mưu, triển khai đồng bộ các nhiệm vụ, giải pháp theo kế hoạch đề ra.",
    "Bên cạnh những kết quả đạt được, công tác này vẫn còn một số hạn chế như: việc phối hợp giữa các đơn vị có lúc chưa chặt chẽ, nguồn lực thực hiện còn khó khăn.",
    "Phát biểu chỉ đạo, đồng chí {leader_name} ghi nhận, biểu dương những kết quả mà các cấp, các ngành đã đạt được trong thời gian qua.",
    "Đồng chí đề nghị các đơn vị tiếp tục quán triệt, thực hiện nghiêm túc các chỉ đạo của Trung ương và của tỉnh; tăng cường công tác kiểm tra, giám sát.",
    "Đồng chí {leader_name} yêu cầu {department} chủ trì, phối hợp với các địa phương rà soát, tổng hợp những khó khăn, vướng mắc để kịp thời đề xuất giải pháp tháo gỡ.",
    "Tại buổi làm việc, các đại biểu đã tập trung thảo luận, làm rõ nguyên nhân của những tồn tại, hạn chế và đề xuất nhiều giải pháp thiết thực.",
    "Năm {year}, {district} phấn đấu hoàn thành và vượt các chỉ tiêu kinh tế - xã hội mà Nghị quyết Đại hội Đảng bộ đã đề ra.",
    "Dịp này, {small} tập thể và {small2} cá nhân có thành tích xuất sắc đã được UBND tỉnh tặng Bằng khen.",
    "Theo kế hoạch, chương trình được triển khai từ nay đến hết tháng {month2}/{year}.",
    "Các sở, ngành, địa phương được giao nhiệm vụ cần khẩn trương xây dựng kế hoạch cụ thể, phân công rõ người, rõ việc, rõ thời gian hoàn thành.",
    "Đây là hoạt động thiết thực nhằm nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên và Nhân dân trên địa bàn tỉnh.",
    "Ông {person}, Giám đốc {department}, cho biết: “Thời gian tới, ngành sẽ tiếp tục đổi mới phương thức làm việc, lấy người dân và doanh nghiệp làm trung tâm phục vụ”.",
    "Lũy kế đến nay, toàn tỉnh đã có {big} hồ sơ được giải quyết đúng hạn, đạt tỷ lệ {pct}%.",
    "UBND tỉnh giao {department} theo dõi, đôn đốc và định kỳ báo cáo kết quả thực hiện về UBND tỉnh trước ngày {day2} hằng tháng.",
    "Kết luận buổi làm việc, đồng chí {leader_name} đánh giá cao sự chủ động, sáng tạo của {district} trong tổ chức thực hiện nhiệm vụ.",
    "Thời gian tới, tỉnh tiếp tục tạo mọi điều kiện thuận lợi để người dân, doanh nghiệp yên tâm sản xuất, kinh doanh.",
    "Việc triển khai phải bảo đảm đúng quy định, công khai, minh bạch và hiệu quả; tránh hình thức, lãng phí.",
)

# Sentences per category slug, mixed with the general ones.
CATEGORY_SENTENCES = {
    "tin-tong-hop": (
        "Trong {period}, tình hình kinh tế - xã hội của tỉnh tiếp tục ổn định và có bước phát triển; tổng sản phẩm trên địa bàn tăng {pct_small}% so với cùng kỳ.",
        "Đoàn công tác đã đi kiểm tra thực tế tại {commune}, nơi đang triển khai nhiều mô hình sản xuất hiệu quả.",
        "Tại buổi tiếp, nhiều công dân đã phản ánh những vướng mắc liên quan đến đất đai, bồi thường, giải phóng mặt bằng.",
        "Các ý kiến, kiến nghị của cử tri đã được lãnh đạo các sở, ngành trả lời, làm rõ ngay tại kỳ họp.",
    ),
    "kinh-te": (
        "Tổng vốn đầu tư toàn xã hội ước đạt {big} tỷ đồng, tăng {pct_small}% so với cùng kỳ năm trước.",
        "{Company} cam kết triển khai dự án đúng tiến độ, ưu tiên sử dụng lao động địa phương.",
        "Đến nay, {district} đã có {small} sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao trở lên.",
        "Dự án {project} có tổng mức đầu tư hơn {big} tỷ đồng, dự kiến hoàn thành trong năm {next_year}.",
        "Năng suất lúa vụ {season} ước đạt {yield_} tạ/ha, cao hơn vụ trước khoảng 3 tạ/ha.",
        "Hiện nay, các khu công nghiệp trên địa bàn tỉnh đã thu hút {small} dự án đầu tư, giải quyết việc làm cho hàng nghìn lao động.",
    ),
    "van-hoa-xa-hoi": (
        "Lễ hội {festival} là dịp để Nhân dân tưởng nhớ công đức của các bậc tiền nhân, đồng thời quảng bá hình ảnh quê hương {province} đến du khách.",
        "Mỗi suất quà trị giá {gift_value} đồng, gồm tiền mặt và các nhu yếu phẩm thiết yếu.",
        "Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” tiếp tục được triển khai sâu rộng tại các khu dân cư.",
        "Ngôi nhà được xây dựng từ nguồn Quỹ Vì người nghèo của tỉnh và sự đóng góp của bà con lối xóm.",
        "Giải đấu thu hút hơn {crowd} vận động viên đến từ các huyện, thị xã, thành phố trong tỉnh.",
    ),
    "an-ninh-quoc-phong": (
        "Năm nay, {district} có {crowd} thanh niên lên đường nhập ngũ, bảo đảm 100% chỉ tiêu giao.",
        "Qua cuộc diễn tập, trình độ chỉ huy, điều hành của cấp ủy, chính quyền và khả năng phối hợp của các lực lượng được nâng lên rõ rệt.",
        "Lực lượng Công an đã phát hiện, bắt giữ {small} vụ, {small2} đối tượng vi phạm pháp luật về ma túy.",
        "Công an tỉnh tăng cường tuần tra, kiểm soát, xử lý nghiêm các hành vi vi phạm trật tự an toàn giao thông.",
        "Mô hình “{model}” góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội tại cơ sở.",
    ),
    "chi-dao-dieu-hanh": (
        "Chủ tịch UBND tỉnh yêu cầu thủ trưởng các sở, ban, ngành và Chủ tịch UBND các huyện, thị xã, thành phố tập trung chỉ đạo thực hiện nghiêm các nội dung sau.",
        "Người đứng đầu các cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu để xảy ra chậm trễ, sai sót.",
        "Các địa phương chủ động rà soát, xây dựng phương án ứng phó với {disaster}, bảo đảm an toàn tính mạng và tài sản của Nhân dân.",
        "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận và giải quyết trực tuyến phải đạt tối thiểu {pct}% trong năm {year}.",
        "Kế hoạch được ban hành kèm theo Quyết định số {doc_no}/QĐ-UBND của UBND tỉnh.",
    ),
    "thong-bao": (
        "Thời gian nhận hồ sơ: từ ngày {day2}/{month2}/{year} đến hết ngày {day3}/{month2}/{year} (trong giờ hành chính).",
        "Địa điểm nhận hồ sơ: Trung tâm Phục vụ hành chính công tỉnh {province}.",
        "Mọi chi tiết xin liên hệ {department} để được hướng dẫn.",
        "Tổ chức, cá nhân có nhu cầu tham gia nộp hồ sơ theo đúng thời gian quy định; hồ sơ nộp sau thời hạn sẽ không được xem xét.",
        "Nội dung chi tiết xem tại tệp đính kèm.",
    ),
    "giao-duc-y-te": (
        "Toàn tỉnh có hơn {crowd} thí sinh đăng ký dự thi tại {small} điểm thi.",
        "Ngành Y tế khuyến cáo người dân chủ động thực hiện các biện pháp phòng bệnh {disease}, khi có triệu chứng cần đến ngay cơ sở y tế để được khám, điều trị.",
        "Từ đầu năm đến nay, toàn tỉnh ghi nhận {small} ca mắc {disease}, giảm so với cùng kỳ năm trước.",
        "Đoàn đã khám, tư vấn sức khỏe và cấp thuốc miễn phí cho người cao tuổi, người có công và hộ nghèo.",
        "Năm học {school_year}, toàn tỉnh có {big} học sinh các cấp, tăng so với năm học trước.",
    ),
}

# Opening of the lead (sapo); the rest of the lead restates the headline.
LEAD_OPENERS = (
    "(Cổng TTĐT {province}) - Sáng ngày {day}/{month}",
    "Chiều {day}/{month}, tại {venue}",
    "Ngày {day}/{month}/{year}",
    "Trong khuôn khổ chương trình công tác năm {year}",
)
LEAD_CLOSERS = (
    "Đây là một trong những nhiệm vụ trọng tâm của tỉnh trong năm {year}.",
    "Hoạt động nhận được sự quan tâm của đông đảo người dân.",
    "",
)
CLOSING_SENTENCES = (
    "Hội nghị kết thúc vào chiều cùng ngày.",
    "Chương trình sẽ tiếp tục được triển khai trong thời gian tới.",
    "Kết quả cụ thể sẽ được thông tin trên Cổng thông tin điện tử tỉnh.",
)

CAPTIONS = (
    "Đồng chí {leader_name} phát biểu tại hội nghị.",
    "Quang cảnh hội nghị.",
    "Các đại biểu tham quan mô hình sản xuất tại {district}.",
    "Trao Bằng khen cho các tập thể có thành tích xuất sắc.",
    "Lực lượng chức năng ra quân thực hiện nhiệm vụ.",
    "Lãnh đạo tỉnh trao quà cho các hộ gia đình có hoàn cảnh khó khăn.",
    "Đoàn công tác kiểm tra thực tế tại {commune}.",
)
ALTS = ("", "Quang cảnh hội nghị", "Hội nghị", "ảnh minh họa", "anh tin bai")

# (document kind, number suffix) for PDF attachments: "Quyết định số 1234/QĐ-UBND".
DOCUMENT_KINDS = (
    ("Quyết định", "QĐ-UBND"),
    ("Kế hoạch", "KH-UBND"),
    ("Công văn", "UBND-VX"),
    ("Thông báo", "TB-UBND"),
    ("Chỉ thị", "CT-UBND"),
)
SEASONS = ("Đông Xuân", "Hè Thu", "Mùa")

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
