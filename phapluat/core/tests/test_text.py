from phapluat.core.text import strip_diacritics, vn_slugify


def test_strip_diacritics_folds_d_bar_and_tone_marks():
    assert strip_diacritics("Điều 5. Đất đai, quyền sử dụng") == "Dieu 5. Dat dai, quyen su dung"


def test_strip_diacritics_accepts_decomposed_input():
    import unicodedata

    assert strip_diacritics(unicodedata.normalize("NFD", "Luật Hôn nhân")) == "Luat Hon nhan"


def test_slug_from_document_number():
    assert vn_slugify("Luật 60/2014/QH13") == "luat-60-2014-qh13"
    assert vn_slugify("Quyết định 766/QĐ-TTg") == "quyet-dinh-766-qd-ttg"
