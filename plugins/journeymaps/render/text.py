"""Text width without fonts, and wrapping to a width.

The map is laid out before any browser sees it, so widths are estimated from
a table. The table errs wide: for every character it is at least the advance
width of the widest of DejaVu Sans and Liberation Sans (metric twin of Arial
and Helvetica), upright and italic, regular or bold (test_render checks this
against the font files). Roboto, which Material would load, is narrower than
DejaVu Sans. So a label that fits here fits on screen: wrapping early costs a
line, overflowing would overlap.

Coverage: Latin (with Vietnamese), IPA, Greek, Cyrillic, punctuation and
currency character by character (`_RANGES`); the wide glyphs elsewhere in
those fonts by range (`_WIDE`); everything else by kind: zero for combining
marks and format characters, 1.05 em for East Asian wide characters, 1.3 em
for emoji, 1 em otherwise (more than any glyph of those fonts outside
`_WIDE`), and a few known extra-wide characters of fallback fonts.

The tables are generated from the font files: `python -m
journeymaps.render.text` prints them (it needs fontTools and the fonts).
"""

from __future__ import annotations

import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

# Advance widths in 1/32 em, rounded up, one character per code point, in
# this alphabet (its position is the width): ranges of code points below.
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/"
_UNIT = 32
_RANGES = ((0x20, 0x530), (0x1E00, 0x20D0))
# fmt: off
_REGULAR = (
    "BDFRLVP9DDGRBCBBLLLLLLLLLLBBRRRIXMMOPMKPPAGMISOQMQOMKOMWMMMDBDRIGKLILKCL"
    "L99J9WLKLLEHDLJRJJHLBLRWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWBDLLLLBIGWGKRCWI"
    "GRDDGLLBGDGKWWWKMMMMMMWOMMMMAAAAPOQQQQQRQOOOOMMLKKKKKKWIKKKK9999KLKKKKKR"
    "KLLLLJLJMKMKMKOIOIOIOIPLPLMKMKMKMKMKPLPLPLPLPLUNA9A9A9A9A9OIG9MJJI9I9ICI"
    "DIAOLOLOLROLQKQKQKZXOEOEOEMHMHMHMHKDKDKDOLOLOLOLOLOLWRMJMMHMHMHCLOMLMLNN"
    "IPRMLKLQKJIPMWCAOJ9JWOLQUKVPLLNLHLBDKDKSLPOOOMHMMJHLMJHLAGFAlgcSRIYXUMKA"
    "9QKOLOLOLOLOLKMKMKWWPLPLLJQKQKMJ9lgcPLaMOLMKWWQKMKMKLKLKA9A9QKQKNENEOLOL"
    "MHKDLHPLORNKMHMKLKQKQKQKQKKJGRG9WWMNIIKHHKGMOMLKA9PLNEKJKLLLIILOKKRIIPMB"
    "NLLKKLLLCDCDG9NWWWLLLKSOMGGFGGHHKKHBBFBDDLKKJRJKHHJJHHHHQJMNLAMHOHHXYXRK"
    "PSNLHHMMDD69AADHC9FBBBAACCGGGGGG9GGG9GGGBBAAGGDBGGGGGGBGE6CFCGGGGGWWGGHW"
    "WWWGWWWGWWWWWWWW00000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000LJSL99OLWWGIIIBA"
    "WWWWGGNBQTEWRWSTBMMJMMMPQAMMSOLQPMWLKMRMRPAMMILBJMLJKIILKBJJLIIKNLJLKJMJ"
    "ORBJKJRLKKNRNMRMQKLJJFMMSLURPMQKMKPKNKKIMLI9QKKKLNSLLNNNMMSKNMAAGZYSNOLP"
    "MMMKPMZLOONPSPQPMOKLSMPMZZRTMNZOKKJHNKTILLKLPLKLLIRJSJMJUVNQJIRKKKKHIH99"
    "9UTLKLJLURPMVOTQcXQKXRLISTQKPMPMWTVPcXURNIH00000EEPMMJKLKHMJKHZTLINKNKNK"
    "SRPMXTaVTNNIKJKJKJMJUQMJMJMLVOVOAZTLKPMPMPMMJTP9MKMKWWLKQKQKZTLIMJOLOLQK"
    "QKQKNIKJKJKJMJKHTQMJMJMJMJXTWSMJZVaVPMPNKIPLdWTSYWQLWRNKaVaVQMWWWWWWWWWW"
    "MKMLMLMLNIPLPLPLPLPLLKLKLKLKLKJCPLPLPLPLPLPLA9A9LJLJLJIAIAI9I9SWSWSWOLOL"
    "OLOLQKQKQKQKKLKLNENENENELHLHLHLHLHKDKDKDKDOLOLOLOLOLMJMJWRWRWRWRWRMJMJKJ"
    "MHMHMHLDRJKCCCPKMKMKMKMKMKMKMKMKMKMKMKMKLKLKLKLKLKLKLKLKA9A9QKQKQKQKQKQK"
    "QKUKUKUKUKUKOLOLSLSLSLSLSLMJKJKJKJPGWWWWMMMMMMMMMMTTPQNOIIIIIIWWNNVWTUWW"
    "LLLLLLLLRRZZXYUVBBBBBBBBDCLLJKGGKKKKKKWWQSaaVWWWJJJJJJJJWQWWWXWTRRRRRRRR"
    "QRZaVWUVMMIILLBBKKJJRRWWMMMMMMMMMMTTPQNOLLLLLLLLRRZZXYUVRRRRRRRRQRZaVWUV"
    "MMMMMWMMMMNNMGGGGGLLLWLLQOUSPGGGBBBBWWBBAAGEWGGGJJJJLLJJKKSRMGGGWWRRRWRR"
    "VQURPGGWGWGWB86LB7400000CCLIWWGIBBBBHHHHIIJJBMWB00000007iu8CH8CHBDDRGHGQ"
    "Q8WG6DDUOOGLGGGBQGFWQRJMRRBQRBB800000W0000000000D6WWDDDDDDHHH88DDDDDDDDD"
    "DDHHH88WDEEFEDE6KDECAWWWTLLLLWLfZWRLLLLfLLLLPLWWLLLWWLWWWWWWWWWWWWWWWWWW"
)
_BOLD = (
    "CFHRNXSAFFHRDEDCNNNNNNNNNNDDRRRKWPPORMMRRCIPLWRSOSPOMQPaPOOFCFRIGMNJNMEN"
    "NBBMBYNMNNGKGNLULLJNCNRWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWCFNNLNCIGWJLREWI"
    "GRFFGOLDGFJLYYYKPPPPPPZOMMMMCCCCSRSSSSSRSQQQQOOOMMMMMMYJMMMMBBBBMNMMMMMR"
    "MNNNNLNLPMPMPMOJOJOJOJROSNMMMMMMMMMMRNRNRNRNRNWQCBCBCBCBCBQMIBPMMLBLBLGL"
    "IMCRNRNRNWRNSMSMSMcaPGPGPGOKOKOKOKMGMGMGQNQNQNQNQNQNaUOLOOJOJOJENQPNPNOO"
    "JSTPNMMSNMIRQYEDPMCJYRNSSMaVQNPOKMIGNGMRNSRQPOJPPLJNPLJNCMIColgXWMddZPMC"
    "BSMQNQNQNQNQNMPMPMZYRNRNPMSMSMPJBolgRNgQRNPMZYSMPMPMMMMMCBCBSMSMPGPGQNQN"
    "OKMGNKRNRSQMOJPMMMSMSMSMSMOLGSHBZZPOJLMKJQKPQPMMCBSQPGOLMNNNJJQQMMTIIROB"
    "QNLOLNNNIFIINBRYYYNQNMUMQIILGGKKLLKEEKIGGUPMLULONMLLJJJJSLOMNBOIQJJbdbWP"
    "UXSPJEMQFF8BBBEJEAHDDDCCBBGGGGGGAGGGAGGGBBCCGGEBGGGGGGCGE8DEBGGGGGWWGGMW"
    "WWWGWWWGWWWWWWWW00000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000NJXRAARNWWGJIIDC"
    "WWWWFGQDSXJWTWWTDPPLPMORSCPPWRMSROWMMOSPSSCOMINDMMNMMIJNMDNLOMJMQNJPLMQL"
    "QSDMMMSPLMOWOQSOSMOJMGNMULZRRNUOOLQMPNMJONJBSLLONOWONOONMMTLOOCCIbbTRRPR"
    "PPPLTMeNRRRRWRSROOMPWPUQehVYPOcPMNLIQMWJNNMORNMNNJTLWLOMYaPTLJWLMMNHJKBB"
    "BWVOMNLNZSROXRWRiaSMeXNIZYSMSNSNbYZSjcZSOJL00000EEVQPKONLHMIQMeWNJPMRMRM"
    "XRVQaSfXVSOJMJOLOLPLaXQMQMQNXQXQCeWPLVQRNVQQMaUBPMPMZYMMSMSMeWNJPLRNRNSM"
    "SMSMOJPLPLPLQMLHYTMIPLPLPKcTaURNeXgXRLVQNIROgZZWZXSNaURMfYfXVQWWWWWWWWWW"
    "PMPNPNPNOJRNRNRNRNRNMMMMMMMMMMMERNRNRNRNRNRNCBCBPMPMPMLBLBLBLBWYWYWYRNRN"
    "RNRNSMSMSMSMONONPGPGPGPGOKOKOKOKOKMGMGMGMGQNQNQNQNQNPLPLaUaUaUaUaUPLPLOL"
    "OJOJOJNGULMEEETMPMPMPMPMPMPMPMPMPMPMPMPMMMMMMMMMMMMMMMMMCBCBSMSMSMSMSMSM"
    "SMSMSMSMSMSMQNQNRNRNRNRNRNOLOLOLOLVLWWWWMMMMMMMMPPYYUVRSIIIIIIWWQQaaXYWW"
    "NNNNNNNNVVfecdYYDDDDDDDDGGPQNOKKMMMMMMWWTUeeYZWWMMMMMMMMWUWcWdWYSSSSSSSS"
    "UVefZaXZMMIINNDDMMMMSSWWMMMMMMMMPPYYUVRSNNNNNNNNVVfecdYYSSSSSSSSUVefZaXZ"
    "MMMMMWMMPPTQPGGGGGNNNWNNUSZXRGGGDDDDWWDDCCKJWGGGMMMMNNMMOOXWRGGGWWSSSWSS"
    "ZTZTSGGWGWGWB86ND7400000EENIWWGIDDDDMMMMIILLDMWC00000007l+9GL9FLOEEWLJGR"
    "RBXG6FFXRRHMGGHDRHIWRRMRRRDSRDD800000W0000000000F8WWFFFFFFHHHAAFFFFFFFFF"
    "FFHHHAAWFGGEGFG8MFGDDWWWUNNNNYNndaTNNNNjNNNNSNWWNNNWWNWWWWWWWWWWWWWWWWWW"
)
# (first, last, em): runs of glyphs outside _RANGES wider than their kind (_kind_em).
_WIDE: tuple[tuple[int, int, float], ...] = (
    (0x0539, 0x053D, 1.07),
    (0x0561, 0x0583, 1.1),
    (0x060A, 0x0641, 1.38),
    (0x065A, 0x065A, 0.5),
    (0x066E, 0x06B4, 1.38),
    (0x07D8, 0x07D8, 1.03),
    (0x0EAB, 0x0EAB, 1.04),
    (0x0EDC, 0x0EDD, 1.37),
    (0x10DA, 0x10DA, 1.08),
    (0x140C, 0x14A0, 1.3),
    (0x14C9, 0x14E9, 1.29),
    (0x1513, 0x1596, 1.6),
    (0x166F, 0x1699, 2.02),
    (0x1D02, 0x1D14, 1.1),
    (0x2100, 0x2189, 1.68),
    (0x222D, 0x2230, 1.32),
    (0x2254, 0x226B, 1.07),
    (0x22D8, 0x22FA, 1.43),
    (0x2324, 0x232B, 1.45),
    (0x2387, 0x2387, 1.16),
    (0x25EF, 0x25EF, 1.12),
    (0x27F4, 0x27FF, 1.44),
    (0x29CF, 0x29D0, 1.05),
    (0x2A0C, 0x2A0C, 1.67),
    (0x2B24, 0x2B24, 1.12),
    (0x2C72, 0x2C73, 1.23),
    (0x2D05, 0x2D25, 1.05),
    (0x2D4B, 0x2D4B, 1.04),
    (0xA4EA, 0xA4EA, 1.11),
    (0xA64C, 0xA66D, 1.41),
    (0xA698, 0xA699, 1.41),
    (0xA728, 0xA74F, 1.41),
    (0xA7FA, 0xA7FF, 1.33),
    (0xF40A, 0xF428, 1.17),
    (0xFB03, 0xFB17, 1.72),
    (0xFB52, 0xFB9B, 1.2),
    (0xFBE5, 0xFBFD, 1.02),
    (0xFE8F, 0xFEF2, 1.42),
    (0xFFFD, 0xFFFD, 1.12),
    (0x1030C, 0x1030C, 1.43),
    (0x1D544, 0x1D55E, 1.15),
    (0x1D5EA, 0x1D5FA, 1.11),
    (0x1D652, 0x1D662, 1.11),
    (0x1EE0E, 0x1EE1E, 1.23),
    (0x1EE68, 0x1EE7A, 1.16),
    (0x1F030, 0x1F061, 1.37),
    (0x1F634, 0x1F634, 1.61),
)
# fmt: on

# Characters no table font has that fallback fonts draw very wide.
_EXTRA_WIDE = (
    (0xFDFA, 0xFDFD, 4.5),  # Arabic ligatures of whole phrases
    (0x2E3A, 0x2E3A, 2.1),  # two-em dash
    (0x2E3B, 0x2E3B, 3.1),  # three-em dash
    (0x12000, 0x1254F, 3.3),  # cuneiform
    (0x13000, 0x1345F, 1.6),  # Egyptian hieroglyphs
)
_ZERO_WIDTH = {"Mn", "Me", "Cf"}
_CONTROL_EM = 1.2  # control characters are drawn as U+FFFD (see svg.xml_text)


def _decode(table: str) -> dict[int, float]:
    widths, codes = {}, (c for first, end in _RANGES for c in range(first, end))
    for code, symbol in zip(codes, table):
        widths[code] = _ALPHABET.index(symbol) / _UNIT
    return widths


_TABLES = {False: _decode(_REGULAR), True: _decode(_BOLD)}


@lru_cache(maxsize=8192)
def char_em(char: str, bold: bool = False) -> float:
    """Estimated advance width of one character, in em; never narrower than
    the fonts a reader is likely to have."""
    known = _TABLES[bold].get(ord(char))
    if known is not None:
        return known
    em = _kind_em(char)
    code = ord(char)
    for first, last, wide in _WIDE + _EXTRA_WIDE:
        if first <= code <= last:
            em = max(em, wide)
    return em


def _kind_em(char: str) -> float:
    """Width by kind of character, for those the tables leave out."""
    category = unicodedata.category(char)
    if category in _ZERO_WIDTH or category in ("Zl", "Zp"):
        return 0.0
    if category == "Cc":
        return _CONTROL_EM
    code = ord(char)
    if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF:
        return 1.3  # emoji, drawn by a colour font
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.05
    return 1.0


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in pixels of `text` at font size `size`."""
    return _text_em(text, bold) * size


@lru_cache(maxsize=16384)
def _text_em(text: str, bold: bool) -> float:
    # Remembered: wrapping measures each word, and each line as it grows, and
    # a library repeats its words (a third of the time to lay out a map).
    return sum(char_em(c, bold) for c in text)


def cut_to_width(text: str, width: float, size: float, bold: bool = False) -> str:
    """`text` on one line no wider than `width`, cut at the end with "…" when
    it is wider (where the whole text is shown elsewhere, as in a table)."""
    text = " ".join(text.split())
    if text_width(text, size, bold) <= width:
        return text
    return _with_ellipsis(text, width, size, bold)


def clamp(lines: list[str], max_lines: int, width: float, size: float, bold: bool = False) -> list[str]:
    """At most `max_lines` of wrapped `lines`, the last ending in "…" when
    lines are left out (where the whole text is shown elsewhere)."""
    if len(lines) <= max_lines:
        return lines
    # A hyphen that ends the last line (of a word broken there, or the
    # word's own) gives way to the ellipsis, which says more follows.
    last = lines[max_lines - 1].removesuffix("-")
    return lines[: max_lines - 1] + [_with_ellipsis(last, width, size, bold)]


def _with_ellipsis(text: str, width: float, size: float, bold: bool) -> str:
    while text and text_width(text.rstrip() + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Lines of `text` no wider than `width`; words longer than a line are
    broken, with a hyphen, so nothing is ever cut off and nothing spills into
    a neighbour: between syllables in the language of `hyphenating`, or after
    the word's own hyphen, where that keeps at least half the characters that
    fit, else where the line is full and, when it can be, at least three of
    its characters are left for the next."""
    lines: list[str] = []
    current, used = "", 0.0  # the line being filled, and its width
    space = char_em(" ", bold) * size
    hyphen = char_em("-", bold) * size
    for word in text.split():
        word_width = text_width(word, size, bold)
        if current and used + space + word_width <= width:
            current, used = f"{current} {word}", used + space + word_width
            continue
        if current:
            lines.append(current)
        if word_width <= width:
            current, used = word, word_width
            continue
        pieces = _break(word, width, size, bold, hyphen)
        lines += [piece if piece.endswith("-") else piece + "-" for piece in pieces[:-1]]
        current = pieces[-1]
        used = text_width(current, size, bold)
    if current or not lines:
        lines.append(current)
    return lines


def _break(word: str, width: float, size: float, bold: bool, hyphen: float) -> list[str]:
    """`word` in pieces that fit `width` with a hyphen after all but the last
    (a piece that ends with the word's own hyphen gets no second one)."""
    breaks = _syllable_breaks(word) + [i + 1 for i, char in enumerate(word) if char == "-"]
    pieces, start = [], 0
    while text_width(word[start:], size, bold) > width:
        fit, used = start + 1, char_em(word[start], bold) * size  # at least one character a line
        while fit < len(word) and used + char_em(word[fit], bold) * size + hyphen <= width:
            used, fit = used + char_em(word[fit], bold) * size, fit + 1
        cut = max((p for p in breaks if start < p <= fit), default=start)
        end = _keep_together(word, cut if cut - start >= (fit - start) / 2 else fit)
        pieces.append(word[start:end])
        start = end
    pieces.append(word[start:])
    # Move a character or two back from a full piece so the last is not a
    # lonely 'm': a shorter piece still fits.
    if len(pieces) > 1 and len(pieces[-1]) < 3 and len(pieces[-2]) > 6 and not pieces[-2].endswith("-"):
        take = 3 - len(pieces[-1])
        moved = pieces[-2][-take:]
        if (moved[0] != "-" and not unicodedata.combining(moved[0])
                and text_width(moved + pieces[-1], size, bold) <= width):
            pieces[-2], pieces[-1] = pieces[-2][:-take], moved + pieces[-1]
    return pieces


def _keep_together(word: str, end: int) -> int:
    """A break at `end` moved past the word's own hyphen, which takes the
    place of the one a break adds, and past combining marks (no width):
    neither may start the next line."""
    if end < len(word) and word[end] == "-":
        end += 1
    while end < len(word) and unicodedata.combining(word[end]):
        end += 1
    return end


# The language of the words being laid out (render.layout_map sets it from
# the site's labels), whose dictionary says where a long word may break.
_LANGUAGE: ContextVar[str | None] = ContextVar("hyphenation", default=None)


@contextmanager
def hyphenating(language: str | None):
    """Break long words between syllables of `language` (a dictionary name
    such as 'nl_NL') while the block runs."""
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def _syllable_breaks(word: str) -> list[int]:
    """Where `word` may break, by the dictionary of the language being laid
    out. pyphen reads the word in lower case: where that changes its length
    ('İ'), its positions would not be the word's."""
    language = _LANGUAGE.get()
    if not language or len(word.lower()) != len(word):
        return []
    return [p for p in _dictionary(language).positions(word) if not unicodedata.combining(word[p])]


@lru_cache(maxsize=None)
def _dictionary(language: str):
    import pyphen  # loaded when a word first has to break: most maps need none

    return pyphen.Pyphen(lang=language, left=2, right=3)


# --- generating the tables ------------------------------------------------------------

_FONTS = "/usr/share/fonts/truetype/"
_FACES = {
    False: ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Oblique.ttf",
            "liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Italic.ttf"),
    True: ("dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSans-BoldOblique.ttf",
           "liberation/LiberationSans-Bold.ttf", "liberation/LiberationSans-BoldItalic.ttf"),
}


def font_widths(bold: bool) -> dict[int, float]:
    """The widest advance of each code point over the table's fonts, in em."""
    from fontTools.ttLib import TTFont  # a development tool, not a dependency

    widths: dict[int, float] = {}
    for face in _FACES[bold]:
        font = TTFont(_FONTS + face)
        units, metrics = font["head"].unitsPerEm, font["hmtx"]
        for code, glyph in font.getBestCmap().items():
            widths[code] = max(widths.get(code, 0.0), metrics[glyph][0] / units)
    return widths


def _generate() -> str:
    import math

    out = []
    wide: dict[int, float] = {}
    for bold, name in ((False, "_REGULAR"), (True, "_BOLD")):
        widths = font_widths(bold)
        symbols = []
        for first, end in _RANGES:
            for code in range(first, end):
                em = widths.get(code)
                if em is None:  # no table font has it: a fallback font will draw it
                    em = 0.0 if unicodedata.category(chr(code)) in _ZERO_WIDTH else 1.0
                symbols.append(_ALPHABET[min(len(_ALPHABET) - 1, math.ceil(em * _UNIT - 1e-9))])
        text = "".join(symbols)
        out.append(f"{name} = (\n" + "".join(f'    "{text[k:k + 72]}"\n' for k in range(0, len(text), 72)) + ")")
        for code, em in widths.items():
            inside = any(first <= code < end for first, end in _RANGES)
            if not inside and em > _kind_em(chr(code)):
                wide[code] = max(wide.get(code, 0.0), math.ceil(em * 100 - 1e-9) / 100)
    # Neighbours (32 code points apart at most) share a run and its widest em,
    # but a run of marks that take room stays apart from one of letters.
    runs: list[list] = []
    for code in sorted(wide):
        zero = _kind_em(chr(code)) == 0
        if runs and code - runs[-1][1] <= 32 and runs[-1][3] == zero:
            runs[-1][1], runs[-1][2] = code, max(runs[-1][2], wide[code])
        else:
            runs.append([code, code, wide[code], zero])
    rows = "".join(f"    (0x{a:04X}, 0x{b:04X}, {em}),\n" for a, b, em, _ in runs)
    out.append(f"_WIDE: tuple[tuple[int, int, float], ...] = (\n{rows})")
    return "\n".join(out)


if __name__ == "__main__":
    print(_generate())
