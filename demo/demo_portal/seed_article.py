"""The seed article: one real Drupal 7 provincial-portal article, kept verbatim.

Source: the article page that a naive scraper flattened to text (see
PORTALS.md, "The page in seed/"). The strings are copied character for
character, including the stray " \xa0" (space + no-break space) pairs that the
portal's WYSIWYG editor left inside the body: the demo serves them as they
were, and the ground truth collapses them.
"""

from __future__ import annotations

SEED_TITLE = (
    "UBND tỉnh tổ chức hội nghị tổng kết phong trào toàn dân bảo vệ an "
    "ninh Tổ quốc năm 2019 và phát động phong trào toàn dân bảo vệ an ninh "
    "Tổ quốc năm 2020."
)

# The three body paragraphs, in order, exactly as published.
SEED_PARAGRAPHS = (
    (
        "Đồng chí Ngô Gia Tự - Ủy viên Ban thường vụ Tỉnh ủy, Phó Chủ tịch "
        "thường trực \xa0UBND tỉnh, Trưởng Ban chỉ đạo 138 tỉnh chủ trì hội nghị."
    ),
    (
        "Phát biểu chỉ đạo hội nghị, đồng chí Ngô Gia Tự - Phó Chủ tịch thường "
        "trực UBND tỉnh, trưởng Ban chỉ đạo 138 tỉnh nhấn mạnh mục tiêu của "
        "phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2020 \xa0là nâng cao ý "
        "thức, trách nhiệm của toàn dân, trước hết là của đội ngũ cán bộ, đảng "
        "viên phải nhận thức sâu sắc hơn về chủ trương, quan điểm của Đảng, "
        "của Nhà nước về công tác đảm bảo an ninh trật tự, tạo môi trường ổn "
        "định cho phát triển KT-XH, thực hiện thắng lợi các nhiệm vụ, chiến "
        "lược xây dựng và bảo vệ tổ quốc trong tình hình mới. Để tiếp tục đưa "
        "phong trào toàn dân bảo vệ an ninh Tổ quốc \xa0trên địa bàn tỉnh phát "
        "triển; đồng chí \xa0phó chủ tịch thường trực \xa0UBND tỉnh, trưởng Ban chỉ "
        "đạo 138 tỉnh, đề nghị cấp ủy Đảng, Chính quyền các cấp cần tiếp tục "
        "quán triệt sâu sắc và thực hiện nghiêm túc chủ trương, đường lối của "
        "Đảng, chính sách pháp luật của nhà nước về\xa0 an ninh trật tự, tạo ra "
        "sự chuyển biến mạnh mẽ về nhận thức, trách nhiệm trong thực hiện nhiệm "
        "vụ giữ gìn an ninh quốc gia, đảm bảo trật tự an toàn xã hội và công "
        "tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc. Đồng chí "
        "đề nghị, mỗi cán bộ, đảng viên và nhân dân đặt công tác xây dựng phong "
        "trào toàn dân bảo vệ an ninh Tổ quốc \xa0là một trong những nhiệm vụ "
        "quan trọng; gắn kết quả công tác xây dựng phong trào bảo vệ an ninh "
        "Tổ quốc \xa0với các phong trào thi đua của các cơ quan, đơn vị. Các địa "
        "phương, cơ quan, đơn vị tiếp tục đổi mới, đẩy mạnh công tác tuyên "
        "truyền, vận động để cán bộ, đảng viên và các tầng lớp nhân dân trong "
        "tỉnh thực hiện đầy đủ, sâu sắc về mục đích, ý nghĩa của phong trào "
        "toàn dân bảo vệ an ninh Tổ quốc; các chủ trương, đường lối, chính "
        "sách, pháp luật của Đảng, nhà nước về an ninh trật tự; Nâng cao tinh "
        "thần cảnh giác, sức đề kháng trước âm mưu hoạt động diễn biến hòa "
        "bình, bạo loạn lật đổ, phá hoại của các thế lực thù địch, phản động "
        "và các loại tội phạm; Nhân rộng, cổ vũ, động viên các tập thể cá nhân "
        "tiêu biểu, gương người tốt, việc tốt trong đấu tranh, phòng chống "
        "tội phạm, tệ nạn xã hội, bảo vệ an ninh trật tự. Nâng cao chất lượng "
        "hiệu quả, đổi mới nội dung, hình thức, công tác xây dựng, nhân rộng "
        "các mô hình trong phong trào toàn dân bảo vệ an ninh Tổ quốc và các "
        "tổ chức quần chúng thực hiện nhiệm vụ về an ninh trật tự ở cơ sở, "
        "bảo đảm thiết thực, phù hợp với điều kiện, hoàn cảnh của từng lĩnh "
        "vực trên địa bàn."
    ),
    (
        "Tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc \xa0năm 2019, \xa02 "
        "tập thể đã được UBND tỉnh tặng cờ “đơn vị dẫn đầu phong trào thi đua; "
        "10 tập thể được Bộ Công an tặng bằng khen vì đã có thành tích xuất "
        "sắc, tiêu biểu trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm "
        "2019; 8 tập thể và 12 cá nhân được UBND tỉnh tặng bằng khen vì đã "
        "có thành tích trong công tác đảm bảo an ninh trật tự \xa0và xây dựng "
        "phong trào toàn dân bảo vệ an ninh Tổ quốc \xa0từ năm 2018 đến năm 2019./."
    ),
)

# The byline paragraph; on the page it is followed by a no-break space.
SEED_BYLINE = "T/h: Mai Hiếu"
SEED_AUTHOR = "Mai Hiếu"
SEED_CATEGORY = "An ninh - Quốc phòng"
SEED_PUBLISHED = "2020-01-17T09:45:00+07:00"
