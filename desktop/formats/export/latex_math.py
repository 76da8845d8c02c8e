r"""Inline math in titles and abstracts (``$L_0$``, ``E$^{2}$GAN``), kept only when it is safe.

Listings write math as LaTeX between dollar signs. A span is kept as math only when TeX
will typeset it in any document: spans are found by pandoc's rule (the opening ``$`` is
followed by a non-space, the closing one follows a non-space and is not followed by a
digit, so "$5 and $10" is no math), and the body must pass a small grammar: ASCII
letters, digits and punctuation, balanced braces, commands from an allow-list of the
LaTeX kernel's math symbols (no packages), one superscript and one subscript per base,
and every command its arguments. Anything else (``\input``, ``\def``, ``%``, ``&``, an
unbalanced brace, a double superscript) is not math: the caller escapes it as text.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

# Spans as pandoc's tex_math_dollars reads them.
MATH_SPAN = re.compile(r"(?<!\$)\$(?!\$)(?=\S)(.+?)(?<=\S)(?<!\\)\$(?!\d)")

_MATH_SYMBOL_NAMES = """
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda
    mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma
    Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega times cdot pm mp div leq geq le ge
    neq ne approx sim simeq equiv propto ll gg in notin ni subset subseteq supset supseteq
    cup cap setminus to rightarrow leftarrow leftrightarrow Rightarrow Leftarrow
    Leftrightarrow mapsto uparrow downarrow infty partial nabla ell hbar ldots cdots vdots
    ddots prime ast star circ bullet oplus otimes forall exists neg emptyset top bot angle
    log ln exp sin cos tan max min sup inf arg lim det dim ker Pr sum prod int oint"""
MATH_SYMBOLS = frozenset(_MATH_SYMBOL_NAMES.split())
_ONE_ARGUMENT_NAMES = """
    mathrm mathbf mathit mathcal mathsf mathtt hat tilde bar vec dot ddot check breve
    acute grave overline underline widehat widetilde sqrt"""
_ONE_ARGUMENT = frozenset(_ONE_ARGUMENT_NAMES.split())
_TWO_ARGUMENTS = frozenset({"frac"})
# A single character that may stand as a base, a script or an argument.
_ATOM_CHARS = frozenset(string.ascii_letters + string.digits + "+-*/=<>(),.;:|!?")
_TOKEN = re.compile(r"\\[A-Za-z]+|\\[,;:! ]|\s+|.", re.S)
_LONGEST_SPAN = 200
_DEEPEST = 10


@dataclass
class _Group:
    """What TeX still expects inside one brace group (or the whole span)."""

    role: str = "atom"  # why the group was opened: "atom", "script" or "argument"
    scripts: set[str] = field(default_factory=set)  # "^" / "_" already on the current base
    primed: bool = False  # the superscript came from ' (x'' is fine, x^2' is not)
    awaiting_script: bool = False  # after ^ or _
    arguments_due: int = 0  # arguments the last command still needs

    def new_base(self) -> None:
        self.scripts, self.primed = set(), False


def is_safe_math(body: str) -> bool:
    """Whether TeX typesets ``$body$`` without error, in any LaTeX document.

    Args:
        body: the text between the dollar signs (already ASCII: see `desktop.formats.export.latex`).

    Returns:
        True only for bodies the grammar in this module's docstring accepts.
    """
    if not body or len(body) > _LONGEST_SPAN:
        return False
    groups = [_Group()]
    for token in _TOKEN.findall(body):
        if token.isspace():
            continue  # TeX ignores spaces in math
        if not _step(groups, token) or len(groups) > _DEEPEST:
            return False
    last = groups[-1]
    return len(groups) == 1 and not last.awaiting_script and not last.arguments_due


def _step(groups: list[_Group], token: str) -> bool:
    """Take one token; False when TeX would stop with an error."""
    group = groups[-1]
    if token == "{":
        role = _consume_slot(group)
        groups.append(_Group(role=role))
        return True
    if token == "}":
        return _close(groups)
    if group.awaiting_script or group.arguments_due:
        if not _is_simple_argument(token):
            return False
        role = _consume_slot(group)
        _finish_slot(group, role)
        return True
    return _free_token(group, token)


def _consume_slot(group: _Group) -> str:
    """The role of what comes next: a script, a command's argument, or a new base."""
    if group.awaiting_script:
        group.awaiting_script = False
        return "script"
    if group.arguments_due:
        return "argument"
    return "atom"


def _finish_slot(group: _Group, role: str) -> None:
    """An argument or base is complete; a command with all its arguments is a new base."""
    if role == "argument":
        group.arguments_due -= 1
        if not group.arguments_due:
            group.new_base()
    elif role == "atom":
        group.new_base()


def _close(groups: list[_Group]) -> bool:
    inner = groups.pop()
    if not groups or inner.awaiting_script or inner.arguments_due:
        return False
    _finish_slot(groups[-1], inner.role)
    return True


def _is_simple_argument(token: str) -> bool:
    """What TeX takes as a script or a command's argument without braces."""
    if token.startswith("\\"):
        return token[1:] in MATH_SYMBOLS
    return token in _ATOM_CHARS


def _free_token(group: _Group, token: str) -> bool:
    if token in ("^", "_"):
        if token in group.scripts:
            return False  # a double superscript or subscript
        group.scripts.add(token)
        group.awaiting_script = True
        return True
    if token == "'":
        if "^" in group.scripts and not group.primed:
            return False
        group.scripts.add("^")
        group.primed = True
        return True
    if token.startswith("\\"):
        return _command(group, token[1:])
    if token in _ATOM_CHARS or token in "[]":
        group.new_base()
        return True
    return False


def _command(group: _Group, name: str) -> bool:
    if name in MATH_SYMBOLS or name in (",", ";", ":", "!", " "):
        group.new_base()
    elif name in _ONE_ARGUMENT:
        group.arguments_due = 1
    elif name in _TWO_ARGUMENTS:
        group.arguments_due = 2
    else:
        return False
    return True
