"""Chinese tables for the noisy channel: homophones, numerals, fillers.

Speech recognisers for Mandarin fail by picking a character with the same (or
nearly the same) pinyin, and pinyin input methods fail the same way; one table
serves both. The table covers the characters that carry a collection call
(money, dates, work, family, repayment) so that noise lands where it matters.
Tables are parsed once at import; nothing here is random.
"""

from __future__ import annotations

from types import MappingProxyType

# Each entry: a character, then characters a listener may hear instead
# (same or near pinyin; tone may differ). Parsed into HOMOPHONES below.
_HOMOPHONE_ENTRIES = """
是事市试式世 事是市试 市是事式 时十实石识 实时十石 识时实 士是事市
钱前千浅潜 前钱千潜 还环换孩 环还换 换还环患 欠歉前纤 款宽 账帐涨仗
在再载 再在载 的得地 得的地德 地的得弟 我握卧窝 你泥拟逆 他她它塔
有又友右由 又有右幼 友有又 没每美梅煤 每没美妹 就旧救久 会回汇惠
回会汇毁 不部步布 部不步 要药耀咬 说硕 个各 月越约 天添田 号好耗
好号郝 付富父负复 父付富负 期其起七欺 其期骑棋 起期其启 工公功攻
公工功宫 作做坐座 做作坐座 点电店典 电点店 以已乙椅 已以椅 可克渴
现先线县 先现鲜仙 下夏吓 太泰态 知之只支 之知支 只纸指止 支知之
道到倒 到道倒 办半伴 法发罚 发法罚 想像向响 向像想象 家加价假
加家价 价家假驾 里理礼李 理里礼 后候厚 候后厚 找照早 早找造枣
行型形 请情清轻 情请清晴 清请轻青 问文闻吻 文问闻 题提体 利力立例
力利立历 息西希吸 西息希吸 信新心欣 心新信辛 新心信辛 元原园员圆
员元原园 原元园员 万完晚玩 完万晚玩 晚万完碗 块快筷 快块筷 分份粉
借接节界 接借节街 节接借结 贷带代待袋 代带待袋 带代待贷 银因音引
因音银阴 用勇拥 费飞非肥 非飞费 压鸭押 难男南 帮邦棒 忙盲 病并冰
医衣依 院愿远怨 孩还海 子字紫自 字子自 自子字 学雪血 生声升省
声生升 活火或伙 房防放方 租族组 交教角较 教交叫 保报宝饱 报保抱宝
险显先 单担丹 位为未味 为位未味 经金精今 金今斤经 今金斤 解姐界
决觉绝 觉决绝 定订顶 同通铜童 通同痛 思丝司私 打大达 大打达
话化画华 联连脸 连联脸 系细戏 收手首受 手收首受 受收手瘦 诉速素
律绿率虑 率律绿 师诗失湿 失师湿诗 等灯登 周州洲粥 星心新兴 年连念
明名鸣 名明鸣 上伤商尚 商上伤 班般搬 业夜叶页 困捆 苦库裤 真针珍
很恨狠 对队兑 错措挫 才财材菜 财才材 吗妈马骂 马吗码妈 码马吗
吧八把爸 把吧八爸 那拿哪纳 哪那拿 这着者 什神身深 身深神什 都兜斗
也野夜 和河合何 合和河何 被备背倍 比笔彼 些鞋写 写些血 过国果
国过果 几机记己 机几鸡积 记几计既 计记季 己几挤 正证政整 证正政
卖买麦 买卖埋 东冬懂 楚处储 处楚出 出初处 初出 门们闷 们门 人仁任
认任人 任认人 意义亿易 义意亿 应英营 该改盖 改该盖 急即及集 即急及
及急即 最罪醉 近进尽 进近尽 朋鹏 母亩木 老牢 离里理 婚昏 开凯
始使史 使始史 关观官 助住注祝 住助注 注住助 主煮 持迟池 迟持池
延言严研 长常场 常长场 全权泉 额鹅俄 度渡肚 逾鱼于余 于鱼余 余鱼于
数树术 催摧 告高 高告糕 录路鹿 路录鹿 资姿兹 女旅 姓性幸 性姓幸
"""

HOMOPHONES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {entry[0]: tuple(entry[1:]) for entry in _HOMOPHONE_ENTRIES.split()}
)
"""Character -> characters a recogniser or an input method may produce instead."""

NUMBER_SOUNDS: MappingProxyType[str, str] = MappingProxyType(
    {
        "零": "灵",
        "一": "七",  # yī / qī
        "二": "而",
        "两": "亮",
        "三": "山",
        "四": "十",  # sì / shí, the classic confusion
        "五": "无",
        "六": "九",  # liù / jiǔ rhyme
        "七": "一",
        "八": "百",  # bā / bǎi
        "九": "六",
        "十": "四",
        "百": "八",
        "千": "钱",
        "万": "完",
    }
)
"""Chinese numeral -> what a listener may hear; any change is an amount or date
gone wrong, so it marks the turn garbled (Arabic digits: ``numbers``)."""

NUMBER_CONTEXT = frozenset("零一二两三四五六七八九十百千万0123456789块元号月期岁天年个.,")
"""Characters that make a neighbouring numeral part of an amount or date, so
that "一下" is left alone while "一千二" and "十二月" are fair game."""

CLAUSE_END = frozenset("，。！？；：、,.!?;:")
"""Punctuation after which a speaker may start a clause with a filler."""

FILLERS: tuple[str, ...] = ("嗯，", "那个", "就是", "呃，", "然后")
"""Hesitations a Mandarin speaker inserts, with the comma a transcriber adds."""
