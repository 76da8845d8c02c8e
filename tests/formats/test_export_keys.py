"""Citation keys: author-year-word, ASCII, unique, and the same every time."""

from __future__ import annotations

import random
import re

from hypothesis import given
from hypothesis import strategies as st

from desktop.formats.export import ExportEntry
from desktop.formats.export.keys import assign_keys, key_base, with_keys

KEY = re.compile(r"[a-z0-9]+")


def test_author_year_word():
    authors = ["Xuan Shen", "Pu Zhao"]
    assert key_base(authors, "2024-09-25", "Search for Efficient LLMs", "") == "shen2024search"
    assert key_base(["Laurens van der Maaten"], "2008", "Visualizing Data", "") == (
        "maaten2008visualizing"
    )
    assert key_base(["Łukasz Kaiser"], "2017", "The Attention", "") == "kaiser2017attention"
    assert key_base(["José García"], "2020", "E$^{2}$GAN: training", "") == "garcia2020e2gan"


def test_small_words_are_skipped_and_missing_parts_have_stand_ins():
    assert key_base(["A B"], "2020", "On the Use of Things", "") == "b2020use"
    assert key_base([], None, None, "Fine-tuning large models") == "anonndfinetuning"
    assert key_base(["王小明"], "2021", None, "") == "anon2021paper"
    assert key_base(["X Y"], "٢٠٢٤-01-01", "Title", "") == "ynd" + "title"


def test_clashes_get_suffixes_in_id_order():
    keys = assign_keys([(9, "shen2024search"), (3, "shen2024search"), (5, "shen2024search")])
    assert keys == {3: "shen2024search", 5: "shen2024searcha", 9: "shen2024searchb"}


def test_suffixes_never_run_out_and_avoid_taken_keys():
    keys = assign_keys([(i, "k") for i in range(30)], taken=["K", "ka"])
    assert keys[0] == "kb"
    assert keys[25] == "kaa"  # after kz
    assert len(set(keys.values())) == 30


def test_given_keys_are_kept_and_never_reused():
    entries = [ExportEntry(id=1, title="Same", key="x2020same"), ExportEntry(id=2, title="Same")]
    assert [entry.key for entry in with_keys(entries)] == ["x2020same", "anonndsame"]


@given(
    st.lists(
        st.tuples(
            st.lists(st.text(max_size=20), max_size=3),
            st.one_of(st.none(), st.text(max_size=10)),
            st.one_of(st.none(), st.text(max_size=30)),
            st.text(max_size=30),
        ),
        max_size=15,
    )
)
def test_keys_are_ascii_unique_and_independent_of_order(papers):
    entries = [
        ExportEntry(id=i, authors=authors, date=date, title=title, abstract=abstract)
        for i, (authors, date, title, abstract) in enumerate(papers)
    ]
    keys = {entry.id: entry.key for entry in with_keys(entries)}
    assert all(KEY.fullmatch(key) for key in keys.values())
    assert len({key.lower() for key in keys.values()}) == len(keys)
    shuffled = entries[:]
    random.Random(0).shuffle(shuffled)
    assert {entry.id: entry.key for entry in with_keys(shuffled)} == keys
