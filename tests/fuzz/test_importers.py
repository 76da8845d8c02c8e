"""Hostile input to every importer entry point: only ImportFormatError gets out.

The same check as the atheris script (`fuzz_importers.check_one_input`): bytes go to
``parse_listing`` and to ``import_bytes`` on a real library; a failed import must leave it
exactly as it was. Imported text is stored as text: nothing in it is ever run. Oversized
input is refused before it is read, which bounds the memory an import can take.
"""

from __future__ import annotations

import contextlib
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.formats.listing import parse_listing
from desktop.formats.records import ImportFormatError
from desktop.library.importing import MAX_IMPORT_BYTES, import_bytes, import_file
from desktop.library.papers import get_paper
from tests.conftest import SEED_FILES
from tests.fuzz.fuzz_importers import TODAY, Scratch, check_one_input, fingerprint

FUZZ = settings(max_examples=100, deadline=None)
SEED_LINES = sorted({line for path in SEED_FILES for line in path.read_bytes().split(b"\n")})
HOSTILE = [
    "'); DROP TABLE papers; --",
    "<script>alert(1)</script>",
    '<img src="file:///etc/passwd" onerror="x()">',
    "javascript:alert(document.cookie)",
    "[link](file:///etc/shadow) ![img](http://tracker.example/p.png)",
    "\u202egnp.exe",  # right-to-left override
    "\x00\x1b[2J\x7f",
    "{}{}%s%n%x",
    "A" * 5000,
    "\U0001d518\U0001d52b\U0001d526 \ud7ff \ufeff",  # astral letters, a BOM mid-text
]
_lines = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from([s.encode("utf-8", "surrogatepass") for s in HOSTILE]),
    st.sampled_from([b"", b"Abstract:", b"LGFeb 30, 2020", b"CVMay 28Code", b"7 Papers"]),
    st.text(max_size=80).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(max_size=40),
)
LISTING_LIKE = st.builds(
    lambda lines, newline: newline.join(lines),
    st.lists(_lines, max_size=30),
    st.sampled_from([b"\n", b"\r\n", b"\r"]),
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Scratch:
    """The sample library, copied afresh for each example: every example replays alone."""
    return Scratch(tmp_path_factory.mktemp("fuzz"))


@FUZZ
@given(data=st.binary(max_size=4000))
def test_arbitrary_bytes(scratch, data: bytes):
    check_one_input(scratch, data)


@FUZZ
@given(data=LISTING_LIKE)
def test_listing_like_soup(scratch, data: bytes):
    check_one_input(scratch, data)


@FUZZ
@given(path=st.sampled_from(SEED_FILES), cut=st.integers(0, 80_000), junk=st.binary(max_size=50))
def test_seed_cut_and_spliced(scratch, path: Path, cut: int, junk: bytes):
    whole = path.read_bytes()
    check_one_input(scratch, whole[:cut] + junk + whole[cut : cut + 2000])


@pytest.mark.parametrize("hostile", [text for text in HOSTILE if text.isprintable()])
def test_hostile_text_is_stored_as_text(lib, hostile: str):
    listing = f"CLOct 25, 2017\n{hostile} {len(hostile)}Ada Lovelace\n{hostile} Abstract.\n"
    report = import_bytes(lib, listing.encode("utf-8", "surrogatepass"), name="h.txt")
    [paper_id] = report.new_ids
    assert get_paper(lib, paper_id).title.startswith(hostile.strip()[:100].strip())
    assert "papers" in lib.db.table_names()


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path, lib):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(100 * 1024 * 1024)  # sparse: no disk used
    before = fingerprint(lib)
    tracemalloc.start()
    with pytest.raises(ImportFormatError, match=r"huge\.txt: the file is 100\.0 MB.*32 MB"):
        import_file(lib, huge)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1024 * 1024
    assert fingerprint(lib) == before


def test_oversized_paste_is_refused_before_it_is_parsed(lib):
    with pytest.raises(ImportFormatError, match="up to 32 MB"):
        import_bytes(lib, b"Abstract: x\n" * (MAX_IMPORT_BYTES // 12 + 1), name="paste")


def test_a_file_that_never_ends_is_read_only_up_to_the_limit(lib):
    endless = Path("/dev/zero")
    if not endless.exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(ImportFormatError, match="up to 32 MB"):
        import_file(lib, endless)


@pytest.mark.parametrize(
    "shape",
    [
        b"Abstract: a short one\n",  # the most records per byte of any shape measured
        SEED_FILES[1].read_bytes(),
        b"a\n",
    ],
)
def test_reading_takes_memory_in_proportion_to_the_file(shape: bytes):
    """What makes MAX_IMPORT_BYTES a memory bound: parsing costs at most ~28x the input."""
    data = (shape * (128 * 1024 // len(shape) + 1))[: 128 * 1024]
    tracemalloc.start()
    with contextlib.suppress(ImportFormatError):  # refusing costs memory too: measured
        parse_listing(data, "big.txt", today=TODAY)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 28 * len(data)


@pytest.mark.parametrize(
    ("present", "listing"),
    [
        (  # the known abstract comes first, the same new title follows
            b"CLOct 25, 2017\nAlpha PaperAda Lovelace\nFirst abstract here.\n",
            b"CLOct 25, 2017\nBeta PaperAda Lovelace\nFirst abstract here.\n"
            b"CLOct 26, 2017\nBeta PaperAlan Turing\nSecond abstract here.\n",
        ),
        (  # a new paper first, then a known title bringing the new paper's abstract
            b"CLOct 25, 2017\nGamma PaperAda Lovelace\nOther abstract here.\n",
            b"CLOct 25, 2017\nDelta PaperAda Lovelace\nShared abstract here.\n"
            b"CLOct 26, 2017\nGamma PaperAlan Turing\nShared abstract here.\n",
        ),
    ],
    ids=["known-abstract-then-its-new-title", "new-paper-then-a-known-title-with-its-abstract"],
)
def test_papers_of_one_file_sharing_keys_with_a_known_paper(scratch, present, listing):
    check_one_input(scratch, present + b"\f" + listing)  # a form feed: import one, then two
