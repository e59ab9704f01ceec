"""One money parser and one money formatter: the judges and the offer reader read every phrasing alike.

Each row of the table is a phrasing, its language and the amounts it says. It
goes through the judges' path (`evaluators.amounts.spoken_amounts`, what the
coherence and compliance checks call on a turn) and through the offer
reader's path (`simulator.llm.offer_reading.money_amounts`), so the test proves
the two read the same amounts. The last block (HELD_OUT) was written after the
parser was tuned on the rest and kept out of that tuning.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from evaluators.amounts import spoken_amounts
from scenarios import Language, Product, sample_case
from scenarios.money import Amount, format_amount, format_money, money_amounts
from simulator.llm import offer_reading
from simulator.llm.slots import money

EN, ZH = "en", "zh"
TUNED: list[tuple[str, str, list[float]]] = [
    # en: currency words and symbols, before or after the number
    ("I can pay 500 dollars now", EN, [500]),
    ("That's $1,250.50 in total.", EN, [1250.5]),
    ("Could you find £2k by Friday?", EN, [2000]),
    ("I might manage 1.2k if my bonus comes in.", EN, [1200]),
    ("I could send five hundred pounds next week.", EN, [500]),
    ("How about a hundred and twenty a month?", EN, [120]),
    ("I owe two thousand five hundred pounds, not more.", EN, [2500]),
    ("The fee was USD 9.00 and then €3.10 on top.", EN, [9.0, 3.1]),
    ("I can put GBP 40 towards it today.", EN, [40]),
    ("Just 50 quid a week is all I've got.", EN, [50]),
    ("I owe about 3 grand on the card.", EN, [3000]),
    # en: ranges and rates
    ("Somewhere between 400 and 500 pounds.", EN, [400, 500]),
    ("I could do 400 to 500 dollars.", EN, [400, 500]),
    ("Maybe 400-500 a month, depending on shifts.", EN, [400, 500]),
    ("I can manage 300 a month.", EN, [300]),
    ("Would $250/month work for you?", EN, [250]),
    ("6 monthly payments of $95.00, the first on April 2, £570.00 in total.", EN, [95, 570]),
    ("Spread it over 24 months at £95.00 each.", EN, [95]),
    # en: not money
    ("The first payment is due on March 5.", EN, []),
    ("Your account 12345678 is with our recovery team.", EN, []),
    ("Please quote reference 00000000 when you call.", EN, []),
    ("We can split it into 6 installments.", EN, []),
    ("The account is 15 days overdue.", EN, []),
    ("Interest is 24.9% a year.", EN, []),
    ("Call me back at 3pm.", EN, []),
    ("You can reach me on 020 7946 0958.", EN, []),
    ("It was paid on 2026-01-05.", EN, []),
    ("That's the 2nd time you've called this week.", EN, []),
    ("It's 4821.", EN, []),
    ("I can do 300.", EN, []),  # a bare number: no currency, rate or scale cue
    # zh: currency marks and numerals
    ("我现在只能先还500块。", ZH, [500]),
    ("上个月转了¥1,250过去。", ZH, [1250]),
    ("我最多能凑3千。", ZH, [3000]),
    ("总共欠了1.5万。", ZH, [15000]),
    ("我今天先还五百元。", ZH, [500]),
    ("每个月两千五可以吗？", ZH, [2500]),
    ("先还一千二百块行不行？", ZH, [1200]),
    ("您的欠款是1,234.50元。", ZH, [1234.5]),
    ("我手上只有人民币800。", ZH, [800]),
    ("我一次性还清3,000.00元。", ZH, [3000]),
    ("三千多块我实在拿不出来。", ZH, [3000]),
    ("可以减免200美元的罚息。", ZH, [200]),
    # zh: ranges and rates
    ("每个月能还四百到五百。", ZH, [400, 500]),
    ("四百到五百块吧。", ZH, [400, 500]),
    ("每月300元，分12期。", ZH, [300]),
    ("每月300，行吗？", ZH, [300]),
    ("首付1000元，之后每月800元，共6期。", ZH, [1000, 800]),
    # zh: not money
    ("3月5日之前一定还上。", ZH, []),
    ("您在我们这里已经逾期15天了。", ZH, []),
    ("可以分12期还。", ZH, []),
    ("分24个月还完。", ZH, []),
    ("我的手机号是138-1234-5678。", ZH, []),
    ("身份证后四位是4821。", ZH, []),
    ("案件编号00000000，请记一下。", ZH, []),
    ("年利率18%。", ZH, []),
    ("利率是百分之二十。", ZH, []),
    ("我下午3点再打给您。", ZH, []),
    ("这已经是第3期了。", ZH, []),
    ("我们一块想想办法。", ZH, []),
    ("每个月少了好几千，万一还不上怎么办？", ZH, []),
    ("我最多还300。", ZH, []),  # a bare number: no currency, rate or scale cue
]
HELD_OUT: list[tuple[str, str, list[float]]] = [
    ("Honestly I can only spare 75 pounds a fortnight.", EN, [75]),
    ("The balance is £3,410.22 as of today.", EN, [3410.22]),
    ("Could we say $1.5k up front and the rest later?", EN, [1500]),
    ("I get paid on the 28th, I'll send 200 quid then.", EN, [200]),
    ("My PIN is 1234 and my card ends 5678.", EN, []),
    ("Three hundred and fifty a month is my limit.", EN, [350]),
    ("They want 10% of 2,000 dollars.", EN, [2000]),
    ("Can you do €75 per week for 8 weeks?", EN, [75]),
    ("我这个月只能拿出八百块钱。", ZH, [800]),
    ("每期还650元，一共还10期。", ZH, [650]),
    ("明天中午12点之前转账1,500元。", ZH, [1500]),
    ("我借了两万，现在欠三万多。", ZH, [20000, 30000]),
    ("他说每个月一千到一千五都行。", ZH, [1000, 1500]),
    ("请在2026年3月10日前还款。", ZH, []),
    ("卡号尾号是8866。", ZH, []),
]
"""Written after the parser was tuned on TUNED, and not tuned on."""
TABLE = TUNED + HELD_OUT


def values(amounts: list[Amount]) -> list[float]:
    return [a.value for a in amounts]


@pytest.mark.parametrize(("text", "language", "expected"), TABLE)
def test_judges_read_the_table(text: str, language: str, expected: list[float]) -> None:
    assert spoken_amounts(text, language) == pytest.approx(expected)


@pytest.mark.parametrize(("text", "language", "expected"), TABLE)
def test_offer_reader_reads_the_table(text: str, language: str, expected: list[float]) -> None:
    amounts = offer_reading.money_amounts(text, language)
    assert values(amounts) == pytest.approx(expected)
    ends = [(a.start, a.end) for a in amounts]
    assert all(start < end for start, end in ends) and ends == sorted(ends)
    assert all(end <= start for (_, end), (start, _) in pairwise(ends))


def test_the_table_is_large_and_bilingual() -> None:
    assert len(TABLE) >= 60
    assert abs(sum(lang == EN for _, lang, _ in TABLE) - sum(lang == ZH for _, lang, _ in TABLE)) <= 6


def test_one_parser() -> None:
    assert offer_reading.money_amounts is money_amounts
    assert spoken_amounts("I can pay 500 dollars now", EN) == [500.0]
    assert values(money_amounts("I can pay 500 dollars now", EN)) == [500.0]


@pytest.mark.parametrize(
    ("amount", "currency", "language", "printed"),
    [
        (1234.5, "GBP", EN, "£1,234.50"),
        (12, "USD", EN, "$12.00"),
        (3.1, "EUR", EN, "€3.10"),
        (9, "USD", EN, "$9.00"),
        (9, "CNY", EN, "CNY 9.00"),
        (1234.5, "CNY", ZH, "1,234.50元"),
        (0, "GBP", EN, "£0.00"),
        (1_000_000, "GBP", EN, "£1,000,000.00"),
    ],
)
def test_format_money_prints_as_templates_always_did(amount, currency, language, printed) -> None:
    assert format_money(amount, currency, language) == printed


@pytest.mark.parametrize(
    ("amount", "currency", "printed"),
    [
        (1234.5, "USD", "1,234.50美元"),
        (1234.5, "GBP", "1,234.50英镑"),
        (3.1, "EUR", "3.10欧元"),
        (9, "HKD", "9.00港元"),
        (9, "RMB", "9.00元"),
        (9, "XYZ", "9.00 XYZ"),
    ],
)
def test_zh_names_a_currency_other_than_yuan(amount, currency, printed) -> None:
    """A zh-speaking debtor in the US owes dollars: `元` alone would read as yuan."""
    assert format_money(amount, currency, ZH) == printed


def test_format_amount_is_the_bare_figure() -> None:
    assert format_amount(1234.5) == "1,234.50"
    assert format_amount(99) == "99.00"


@pytest.mark.parametrize("language", [EN, ZH])
def test_slot_money_is_format_money(language: str) -> None:
    case = sample_case(
        np.random.default_rng(0), Product.CREDIT_CARD, Language(language), "c-1", ("Ann Lee", "Ms Lee")
    )
    for amount in (0.0, 5.5, 1234.56, 98765.4):
        assert money(amount, case) == format_money(amount, case.currency, language)


ROUND_TRIP_VALUES = (
    0.01,
    1,
    5.5,
    9.99,
    12,
    95.5,
    100,
    573.77,
    999.99,
    1000,
    1234.5,
    10000,
    123456.78,
    1000000.01,
)


@pytest.mark.parametrize(
    "currency", ["GBP", "USD", "EUR", "CNY", "HKD", "JPY", "AUD", "CAD", "CHF", "SGD", "NZD", "INR"]
)
@pytest.mark.parametrize("language", [EN, ZH])
def test_printed_money_reads_back(currency: str, language: str) -> None:
    for value in ROUND_TRIP_VALUES:
        printed = format_money(value, currency, language)
        assert values(money_amounts(printed, language)) == [value], printed
        said = (
            f"您的欠款{printed}已逾期15天，可以分12期，每期{printed}。"
            if language == ZH
            else f"You owe {printed}, 15 days overdue; 12 payments of {printed} from March 5."
        )
        assert spoken_amounts(said, language) == [value, value], said
