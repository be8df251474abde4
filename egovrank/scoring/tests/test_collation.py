import random
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from egovrank.scoring.collation import vietnamese_sort_key, without_marks


def ordered(names):
    return sorted(names, key=vietnamese_sort_key)


def test_letters_with_marks_sort_after_their_base_letter():
    assert ordered(["Ăn", "Ân", "An", "Bình"]) == ["An", "Ăn", "Ân", "Bình"]
    assert ordered(["Đông", "Dương", "Em"]) == ["Dương", "Đông", "Em"]
    assert ordered(["Ơn", "Ôn", "On", "Ưu", "Uy"]) == ["On", "Ôn", "Ơn", "Uy", "Ưu"]
    assert ordered(["Êm", "Em"]) == ["Em", "Êm"]


def test_tones_follow_dictionary_order():
    assert ordered(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_syllables_are_compared_one_at_a_time():
    # "Hà" and "Hạ" differ by tone only, so the first syllable decides before "Nam"/"Long".
    assert ordered(["Hạ Long", "Hà Nam"]) == ["Hà Nam", "Hạ Long"]
    assert ordered(["Sở Y tế", "Sở Xây dựng", "Sở Tư pháp", "Sở Tài chính"]) == [
        "Sở Tài chính",
        "Sở Tư pháp",
        "Sở Xây dựng",
        "Sở Y tế",
    ]


def test_a_shorter_name_comes_before_its_extensions():
    assert ordered(["Phường An Tảo", "Phường An"]) == ["Phường An", "Phường An Tảo"]


def test_composed_and_decomposed_text_sort_alike():
    composed = "Thị xã Mỹ Hào"
    import unicodedata

    decomposed = unicodedata.normalize("NFD", composed)
    assert vietnamese_sort_key(composed)[0] == vietnamese_sort_key(decomposed)[0]


def test_digits_come_before_letters():
    assert ordered(["Xã B", "Xã 2", "Xã A"]) == ["Xã 2", "Xã A", "Xã B"]


@given(st.lists(st.text(alphabet="aăâbdđeêghioôơuưyàảãáạằẳẵắặ ", max_size=8), max_size=12))
def test_sorting_does_not_depend_on_input_order(names):
    shuffled = names[:]
    random.Random(0).shuffle(shuffled)
    assert ordered(names) == ordered(shuffled)


def test_without_marks_folds_case_accents_d_and_spaces():
    assert without_marks("  Xã  Tân Tiến ") == "xa tan tien"
    assert without_marks("ĐỒNG Đăng") == without_marks("đồng đăng") == "dong dang"
    assert without_marks(unicodedata.normalize("NFD", "Mỹ Hào")) == "my hao"
    assert without_marks("Sở KH&CN") == "so kh&cn"  # only marks go; punctuation stays
