"""Papers for export tests: plain ones, and hostile ones that try to break every format."""

from __future__ import annotations

from desktop.formats.export import ExportEntry, ExportOptions

EVERYTHING = ExportOptions(
    include=frozenset({"abstract", "notes", "tags", "status"}),
    title="Hostile <b>list</b> & {friends} # 100% $x$",
    description="A *description* <script>alert(1)</script>\n\nSecond paragraph: =1+1",
)

PLAIN = ExportEntry(
    id=1,
    title="Search for Efficient Large Language Models",
    authors=["Xuan Shen", "Pu Zhao", "Yifan Gong"],
    et_al=True,
    date="2024-09-25",
    category="AI",
    affiliation="harvard",
    abstract="We propose a training-free architecture search framework.",
    code_urls=["https://github.com/shawnricecake/search-llm"],
    status="reading",
    tags=["llm", "to-read"],
    note="Good *baseline*.",
)

HOSTILE = [
    ExportEntry(
        id=2,
        title='=SUM(A1:A3)+HYPERLINK("http://evil.example")',
        authors=["José García", "Łukasz Kaiser", "王小明", "Smith, John", "Tom and Jerry"],
        date="2020-02-29",
        abstract="-1 + 2 = 1, @mention and +plus",
        code_urls=["javascript:alert(1)", "https://example.com/a b{c}\\d"],
        tags=["@risk", "+plus", "-minus", "=eq", "a,b", "ünï"],
        note="=cmd|' /C calc'!A0\n\nSecond <b>paragraph</b> [x](javascript:alert(1))",
        affiliation="@evil.example",
        status="unread",
    ),
    ExportEntry(
        id=3,
        title=r'Braces {a}} {{b}, 100% & #1 in_the \wild: "quoted" '
        "\u2018smart\u2019 Émile naïve"
        r" $L_0$ E$^{2}$GAN $\ell_\infty$ "
        "$\u03c3_0$ ~ ^",
        authors=["Anne-Marie O'Neil", "{Braced} Name%", "others", "A, B, C"],
        et_al=True,
        date="2021",
        abstract=r"Costs $5 and $10; unbalanced $x, a brace } and { and a trailing \\",
        note="# Heading\n\n- list\n1. one\n> quote\n| a | b |\n---\n```code```\n\\write18{x}",
        tags=["math & more", "100%"],
    ),
    ExportEntry(
        id=4,
        title=r"\input{/etc/passwd}\write18{rm -rf /}\def\x{y} \catcode`\%=12 \endinput",
        authors=[r"\textbf{Evil} Author", "Control\x00Char\x07 Name"],
        date="2021-07",
        abstract="<script>alert(1)</script><img src=x onerror=alert(1)> &amp; &lt; "
        "javascript:alert(1) \\textbf{bold} $\\frac{a}$ $a^b^c$ $$display$$",
        note="<iframe src='https://evil.example'></iframe> ![img](https://evil.example/x.png)",
        code_urls=["https://github.com/x/y_z%20q#frag"],
    ),
    ExportEntry(
        id=5,
        title="中文标题\uff1a深度学习 😀 q\u0301 \u202eRTL\u202c"
        " Null\x00 bell\x07 esc\x1b[31m form\x0cfeed",
        authors=["王小明"],
        date=None,
        abstract="",
    ),
    ExportEntry(
        id=6,
        title=None,
        abstract="Fine-tuning large language models (LLMs) is costly; we use $O(n)$ memory.",
        date="2025-11-20",
        date_inferred=True,
    ),
    ExportEntry(id=7, title="   ", abstract="   "),
    ExportEntry(
        id=8,
        title="Search for Efficient Large Language Models",
        authors=["Xuan Shen"],
        date="2024-01-01",
        abstract="A second paper whose key clashes with paper 1.",
    ),
    ExportEntry(
        id=9,
        title="A " + "very long title with words " * 40,
        authors=[f"Author Number{i}" for i in range(60)],
        date="1999-12-31",
        abstract="x" * 5000,
        note="line\n" * 300,
    ),
]

ALL = [PLAIN, *HOSTILE]
