"""English tables for the noisy channel: phonetic swaps, letters, keys, fillers.

English recognisers fail on homophones and near-homophones (their/there,
can't/can, fifteen/fifty) and on single consonants over a phone line (b/p, m/n,
f/s). The swaps chosen here are the ones that change what a collection call
means — a lost "not", a lost "-teen" — because those are what a collector must
learn to confirm. Tables are built once at import; nothing here is random.
"""

from __future__ import annotations

from types import MappingProxyType

# word:alternatives a listener may hear (lowercase; the caller restores case;
# "_" stands for a space inside an alternative).
_PHONETIC_ENTRIES = """
their:there,they're there:their,they're they're:their,there your:you're
you're:your its:it's it's:its to:too too:to for:four can't:can can:can't
won't:want want:won't then:than than:then know:no no:know new:knew knew:new
here:hear hear:here right:write write:right by:buy,bye buy:by week:weak
weak:week owe:oh owed:old due:do,dew do:due loan:lone,low sum:some some:sum
our:hour,are hour:our would:wood wait:weight whole:hole mail:male son:sun
be:bee see:sea rent:went card:car fine:find find:fine i'll:aisle we'll:wheel
cents:sense account:amount amount:account accept:except except:accept
quite:quiet pay:play paid:played payment:pavement bank:thank check:czech
sure:shore meet:meat not:knot well:will will:well bill:fill debt:death,date
help:held month:mouth months:mouths job:jog work:walk money:many many:money
lost:last last:lost call:cold,all afford:a_ford waive:wave fee:free
fees:freeze plan:plant rate:late court:caught sue:zoo
"""

PHONETIC: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        word: tuple(alt.replace("_", " ") for alt in alts.split(","))
        for word, alts in (entry.split(":") for entry in _PHONETIC_ENTRIES.split())
    }
)
"""Word -> words a recogniser may produce instead (non-numeric words only)."""

NUMBER_WORDS: MappingProxyType[str, str] = MappingProxyType(
    {
        "thirteen": "thirty",
        "thirty": "thirteen",
        "fourteen": "forty",
        "forty": "fourteen",
        "fifteen": "fifty",
        "fifty": "fifteen",
        "sixteen": "sixty",
        "sixty": "sixteen",
        "seventeen": "seventy",
        "seventy": "seventeen",
        "eighteen": "eighty",
        "eighty": "eighteen",
        "nineteen": "ninety",
        "ninety": "nineteen",
        "thirteenth": "thirtieth",
        "thirtieth": "thirteenth",
        "fifteenth": "fiftieth",
        "fiftieth": "fifteenth",
        "sixteenth": "sixtieth",
        "seventeenth": "seventieth",
        "eighteenth": "eightieth",
        "five": "nine",
        "nine": "five",
        "one": "won",
        "two": "to",
        "four": "for",
        "eight": "ate",
        "ten": "then",
        "hundred": "hundreds",
        "thousand": "thousands",
    }
)
"""Number word -> what a listener may hear; any change garbles the amount."""

LETTER_CONFUSION: MappingProxyType[str, str] = MappingProxyType(
    {
        "b": "p",
        "p": "b",
        "d": "t",
        "t": "d",
        "m": "n",
        "n": "m",
        "f": "s",
        "s": "f",
        "v": "b",
        "g": "k",
        "k": "g",
        "l": "r",
        "e": "i",
        "i": "e",
        "a": "e",
        "o": "u",
        "c": "g",
    }
)
"""Letter -> the letter a phone line blurs it into (b/p, m/n, f/s, short vowels)."""


def _keyboard_neighbours() -> dict[str, str]:
    """Keys next to each letter on QWERTY; built once so a typo is one lookup."""
    rows = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
    near: dict[str, str] = {}
    for r, row in enumerate(rows):
        for i, key in enumerate(row):
            keys = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            if r > 0:
                keys += [rows[r - 1][j] for j in (i, i + 1) if j < len(rows[r - 1])]
            if r < 2:
                keys += [rows[r + 1][j] for j in (i - 1, i) if 0 <= j < len(rows[r + 1])]
            near[key] = "".join(keys)
    return near


KEY_NEIGHBOURS: MappingProxyType[str, str] = MappingProxyType(_keyboard_neighbours())
"""Lowercase letter -> the keys beside it."""

CLAUSE_END = frozenset(".,!?;:")
"""Last characters of a token after which a new clause (and a filler) may start."""

TRAILING = frozenset(".,!?;:\"')]…—-")
"""Punctuation stripped before a lookup and put back after."""

LEADING = frozenset("\"'([“‘")
"""Opening punctuation stripped before a lookup and put back after."""

FILLERS: tuple[str, ...] = ("uh", "um", "like", "you know", "I mean")
"""Hesitations an English speaker inserts."""
