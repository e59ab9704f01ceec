"""Jurisdiction profiles: the legal regime a run's calls happen under, one per run.

A call is lawful or not only under some law. The profile fixes everything that law
decides for the simulator — currency, the places debtors live in (and so their time
zones), the disclosures a collector must make, the hours it may call, how often it may
try, and which rule families the compliance judge applies — so no run mixes a
currency of one country with the places of another. Language is a separate setting:
a zh-speaking debtor in the US is still under the FDCPA. Facts and rule ids:
`notes/collections-practice.md`; the judge cites the families named here.

This module holds data and lookups only; the engine draws from it, the judges read it.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from scenarios.acts import Language


class Jurisdiction(StrEnum):
    US = "us"  # FDCPA (15 U.S.C. 1692) + CFPB Regulation F (12 CFR 1006)
    UK = "uk"  # FCA Consumer Credit sourcebook, CONC 7
    CN = "cn"  # 商业银行信用卡业务监督管理办法 + 互联网金融逾期债务催收自律公约


class Disclosure(StrEnum):
    """Statements a collector owes the debtor on a call."""

    DEBT_COLLECTOR = "debt_collector"  # "this is an attempt to collect a debt…" (FDCPA §807(11))
    RECORDING = "recording"  # "this call is recorded" (two-party-consent states, UK practice, cn 自律公约)
    IDENTIFY_FIRM = "identify_firm"  # who is calling and for which creditor


class RuleFamily(StrEnum):
    """The regulation a set of compliance rules comes from; rule ids start with its value."""

    FDCPA = "fdcpa"
    REGF = "regf"
    CONC = "conc"
    CN = "cn"


class Place(BaseModel):
    """Where a debtor lives: its name in each language and its time zone (IANA)."""

    model_config = ConfigDict(frozen=True)

    names: dict[Language, str]
    timezone: str


class CallingHours(BaseModel):
    """Local hours in which a call may start: [start, end)."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(8, ge=0, le=23)
    end: int = Field(21, ge=1, le=24)

    def allows(self, hour: float) -> bool:
        return self.start <= hour < self.end


class ContactLimits(BaseModel):
    """How often an account may be called; None where the regime sets no number."""

    model_config = ConfigDict(frozen=True)

    max_attempts_7d: int | None = Field(None, ge=1, description="call attempts within 7 days (Reg F)")
    quiet_days_after_conversation: int | None = Field(
        None, ge=1, description="no call this many days after a conversation about the debt (Reg F)"
    )


class JurisdictionProfile(BaseModel):
    """One legal regime as the simulator and the judge use it; stored on every transcript."""

    model_config = ConfigDict(frozen=True)

    id: Jurisdiction
    regulation: str = Field(description="the regulation, as a compliance officer names it")
    currency: str
    places: tuple[Place, ...] = Field(min_length=1)
    disclosures: tuple[Disclosure, ...]
    calling_hours: CallingHours = CallingHours()
    limits: ContactLimits = ContactLimits()
    rule_families: tuple[RuleFamily, ...] = Field(min_length=1)

    def requires(self, disclosure: Disclosure) -> bool:
        return disclosure in self.disclosures


def _places(rows: tuple[tuple[str, str, str], ...]) -> tuple[Place, ...]:
    return tuple(Place(names={Language.EN: en, Language.ZH: zh}, timezone=tz) for en, zh, tz in rows)


PROFILES: dict[Jurisdiction, JurisdictionProfile] = {
    Jurisdiction.US: JurisdictionProfile(
        id=Jurisdiction.US,
        regulation="FDCPA (15 U.S.C. 1692) and CFPB Regulation F (12 CFR 1006)",
        currency="USD",
        places=_places(
            (
                ("Texas", "得克萨斯州", "America/Chicago"),
                ("Ohio", "俄亥俄州", "America/New_York"),
                ("California", "加利福尼亚州", "America/Los_Angeles"),
                ("Florida", "佛罗里达州", "America/New_York"),
                ("Georgia", "佐治亚州", "America/New_York"),
                ("Illinois", "伊利诺伊州", "America/Chicago"),
                ("Arizona", "亚利桑那州", "America/Phoenix"),
                ("Pennsylvania", "宾夕法尼亚州", "America/New_York"),
                ("Michigan", "密歇根州", "America/Detroit"),
                ("Washington", "华盛顿州", "America/Los_Angeles"),
                ("Colorado", "科罗拉多州", "America/Denver"),
                ("North Carolina", "北卡罗来纳州", "America/New_York"),
            )
        ),
        disclosures=(Disclosure.IDENTIFY_FIRM, Disclosure.RECORDING, Disclosure.DEBT_COLLECTOR),
        calling_hours=CallingHours(start=8, end=21),  # FDCPA §805(a)(1), Reg F §1006.6(b)(1)(i)
        limits=ContactLimits(max_attempts_7d=7, quiet_days_after_conversation=7),  # Reg F §1006.14(b)(2)
        rule_families=(RuleFamily.FDCPA, RuleFamily.REGF),
    ),
    Jurisdiction.UK: JurisdictionProfile(
        id=Jurisdiction.UK,
        regulation="FCA Consumer Credit sourcebook (CONC 7) and the Consumer Duty",
        currency="GBP",
        places=_places(
            (
                ("Cardiff", "卡迪夫", "Europe/London"),
                ("Leeds", "利兹", "Europe/London"),
                ("Bristol", "布里斯托尔", "Europe/London"),
                ("Manchester", "曼彻斯特", "Europe/London"),
                ("Glasgow", "格拉斯哥", "Europe/London"),
                ("Birmingham", "伯明翰", "Europe/London"),
                ("Norwich", "诺里奇", "Europe/London"),
                ("Belfast", "贝尔法斯特", "Europe/London"),
                ("Newcastle", "纽卡斯尔", "Europe/London"),
                ("Sheffield", "谢菲尔德", "Europe/London"),
            )
        ),
        disclosures=(Disclosure.IDENTIFY_FIRM, Disclosure.RECORDING),
        calling_hours=CallingHours(start=8, end=21),  # no statutory hours: "unreasonable hours" (CONC 7.9)
        limits=ContactLimits(),
        rule_families=(RuleFamily.CONC,),
    ),
    Jurisdiction.CN: JurisdictionProfile(
        id=Jurisdiction.CN,
        regulation="商业银行信用卡业务监督管理办法 (2011) and 互联网金融逾期债务催收自律公约 (2018)",
        currency="CNY",
        places=_places(
            (
                ("Chengdu", "成都", "Asia/Shanghai"),
                ("Wuhan", "武汉", "Asia/Shanghai"),
                ("Hangzhou", "杭州", "Asia/Shanghai"),
                ("Zhengzhou", "郑州", "Asia/Shanghai"),
                ("Xi'an", "西安", "Asia/Shanghai"),
                ("Changsha", "长沙", "Asia/Shanghai"),
                ("Nanjing", "南京", "Asia/Shanghai"),
                ("Hefei", "合肥", "Asia/Shanghai"),
                ("Jinan", "济南", "Asia/Shanghai"),
                ("Kunming", "昆明", "Asia/Shanghai"),
                ("Shenyang", "沈阳", "Asia/Shanghai"),
                ("Fuzhou", "福州", "Asia/Shanghai"),
            )
        ),
        disclosures=(Disclosure.IDENTIFY_FIRM, Disclosure.RECORDING),
        calling_hours=CallingHours(start=8, end=21),  # 自律公约: 08:00–21:00 in practice
        limits=ContactLimits(),
        rule_families=(RuleFamily.CN,),
    ),
}

DEFAULT_FOR_LANGUAGE = {Language.EN: Jurisdiction.US, Language.ZH: Jurisdiction.CN}
"""The jurisdiction a run gets when its config says `auto`: en → us, zh → cn."""


def profile_for(jurisdiction: Jurisdiction | str | None, language: Language | str) -> JurisdictionProfile:
    """The profile of `jurisdiction`, or the language's default when it is None or `auto`."""
    if jurisdiction in (None, "auto"):
        return PROFILES[DEFAULT_FOR_LANGUAGE[Language(language)]]
    return PROFILES[Jurisdiction(jurisdiction)]
