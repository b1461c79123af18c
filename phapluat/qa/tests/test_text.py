"""Anonymising a question before it is published, and the fingerprint used for the duplicate check."""
from phapluat.qa.text import anonymise, fingerprint, title_from


def test_anonymise_removes_contacts_identity_numbers_and_introduced_names():
    text = ("Tôi tên là Lê Văn Hòa, ĐT 0905.123.456, email hoa.le@gmail.com, CCCD 046201001234. "
            "Nhà số 12 đường Lê Lợi. Vợ tôi tên là Trần Thị Mai. Tôi là người dân phường Vỹ Dạ.")
    result = anonymise(text, names=["Hòa Lê"])
    for private in ("Lê Văn Hòa", "0905.123.456", "hoa.le@gmail.com", "046201001234", "số 12", "Trần Thị Mai"):
        assert private not in result, private
    # Ordinary words after "tôi là" are kept, as are place names and dates the answer needs.
    assert "Tôi là người dân phường Vỹ Dạ." in result
    assert anonymise("Năm 2024 tôi mua 300 m2 đất theo Điều 220.") == "Năm 2024 tôi mua 300 m2 đất theo Điều 220."


def test_fingerprint_ignores_accents_case_and_punctuation():
    assert fingerprint("Điều kiện tách thửa?") == fingerprint("dieu  KIEN tach thua")
    assert fingerprint("Điều kiện tách thửa") != fingerprint("Điều kiện hợp thửa")


def test_title_prefers_the_sentence_that_asks_and_skips_redactions():
    assert title_from("Tôi tên là [đã ẩn]. Nhà tôi có đất. Tách thửa thế nào?") == "Tách thửa thế nào?"
    assert title_from("Một câu rất dài " * 30).endswith("…")
