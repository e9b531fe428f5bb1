"""Synthetic departments for benchmarks and scale tests (``perfnb synth``).

:func:`synthesize` writes ``n`` fictional departments in perfnb's data format, one folder
each (``synth-00001`` …), the way ``data/raw/<dept>`` holds a transcribed document:

- about half are project self-evaluations (``project_self_evaluation`` under
  ``mof-2020-project``) whose actual values, weights, scores, execution rates, totals and
  grades are consistent with perfnb's own recomputation; the others are target tables
  (``target_table`` under ``targets-only``) with targets only;
- 5–40 projects per department and 10–60 indicators per project, skewed towards the small
  sizes real documents have; budgets of 5万元–5000万元 a project, in 元 or 万元;
- a share of the departments (``anomalies``) gets one to three planted mistakes, each of
  which perfnb must find (a sum that does not add up, a printed rate or score that differs,
  a score over its weight, a wrong grade, a duplicate indicator, a vague or out-of-year
  target …); the others must raise no error-severity finding (in fact they raise none at all).

All projects of one self-evaluation fall in the same grade band (优, 良 or 中, drawn per
department): perfnb compares every project's printed grade with the grade of the last
project's total (``Scorecard.grade``), so projects with different grades would get a false
GRADE_MISMATCH on consistent data (see the xfail test in ``tests/synth/test_synth.py``).

Each department's ``notes`` end with a line ``植入问题：CODE、CODE`` (or ``植入问题：无``)
naming the finding codes its planted mistakes must raise; :func:`planted_codes` reads it.

Everything is drawn from :class:`random.Random` seeded with the seed and the department's
number (never the clock) with integer arithmetic, so the same seed writes byte-identical
files; a department does not depend on how many others are generated. Files are written
directly with the :mod:`csv` module (no pydantic): ten thousand departments (about 3 million
indicator rows) take well under a minute on one core.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Final, TypeVar

from perfnb.base.errors import PerfnbError
from perfnb.format.schema import TABLES

__all__ = ["ID_PREFIX", "SynthError", "dept_id", "planted_codes", "synthesize"]

#: Every synthetic department id starts with this prefix (``synth-00001``).
ID_PREFIX: Final = "synth-"
_OWN_FOLDER: Final = re.compile(r"synth-[0-9]{5,}")
_PLANTED_LINE: Final = re.compile(r"^植入问题：(.*)$", re.MULTILINE)
_NONE: Final = "无"

MIN_PROJECTS, MAX_PROJECTS = 5, 40
MIN_INDICATORS, MAX_INDICATORS = 10, 60
#: A project's budget in hundreds of 元: 5万元 … 5000万元.
MIN_BUDGET, MAX_BUDGET = 500, 500_000

_T = TypeVar("_T")

_COLUMNS: Final[dict[str, tuple[str, ...]]] = {spec.name: spec.columns for spec in TABLES}


class SynthError(PerfnbError):
    """Raised when ``synthesize`` is asked for something it will not do (e.g. write into a foreign folder)."""


def dept_id(index: int) -> str:
    """The id of the ``index``-th synthetic department (1-based): ``synth-00001``."""
    return f"{ID_PREFIX}{index:05d}"


def planted_codes(notes: str | None) -> tuple[str, ...]:
    """The finding codes planted in a synthetic department, read from its ``notes``.

    Parameters
    ----------
    notes
        ``department.yaml``'s ``notes`` as loaded.

    Returns
    -------
    tuple[str, ...]
        The codes (sorted) on the line ``植入问题：…``; empty for a department without planted
        mistakes or for notes without such a line.
    """
    match = _PLANTED_LINE.search(notes or "")
    if match is None or match.group(1).strip() == _NONE:
        return ()
    return tuple(code for code in match.group(1).split("、") if code)


# --------------------------------------------------------------------------- vocabulary

# Each item: kind | name | unit | candidate targets. Kinds: count (≥ a count), pct (≥ a
# percentage), money (≥ an amount in 万元), lower (≤ a count), qual (a word), date (a
# deadline), cost (≤ an amount derived from the budget).
_VOCABULARY: Final = """
数量
count|举办知识产权业务培训|场|4 6 8 10 12 15 20 24
count|提供专利信息检索咨询服务|人次|300 500 800 1000 1500 2000 3000
count|服务中小企业|家|50 80 100 150 200 300 500
count|受理专利侵权纠纷案件|件|20 30 50 80 100 150
count|开展知识产权执法检查|次|6 10 12 20 24 30
count|培育知识产权示范企业|家|3 5 8 10 15 20
count|发放知识产权宣传资料|份|1000 2000 3000 5000 10000
count|出具专利导航分析报告|份|2 3 4 5 6 8
count|开展商标品牌建设指导|家次|30 50 80 100 150
count|建设知识产权保护工作站|个|2 3 4 5 8 10
count|组织项目专家评审会|场|3 4 5 6 8 10
count|开展知识产权宣传周活动|场|4 5 6 8 10 12
count|资助专利申请|件|100 200 300 500 800 1000
count|举办专利技术对接活动|场|4 6 8 10 12
count|采购平台服务器设备|台|2 4 6 8 10
count|维护业务信息系统|套|1 2 3 4
count|开展企业调研走访|次|10 20 30 40 50
count|编制知识产权发展规划研究报告|份|1 2 3
count|开展商品质量抽检|批|50 100 150 200 300
count|发布知识产权数据分析简报|期|4 6 12 24
count|引进知识产权高层次人才|人|2 3 5 8 10
count|建设知识产权运营示范基地|个|1 2 3 4 5
count|办理知识产权维权援助案件|件|30 50 80 100 150 200
count|实施专利转化运用项目|项|5 8 10 15 20
count|更新门户网站信息|条|200 300 500 800 1000
count|举办知识产权线上直播培训|场|4 6 8 10 12
count|举办企业知识产权沙龙|期|4 6 8 10 12
count|完成专利快速预审|件|100 200 300 500
count|开展海外知识产权维权指导|家次|10 20 30 50
count|推动专利开放许可|项|10 20 30 50
count|开展知识产权标准化试点|个|2 3 4 5
count|组织地理标志产品保护宣传|次|4 6 8 10
count|开展商标代理机构专项检查|家|10 20 30 40
count|培训基层知识产权工作人员|人次|100 200 300 500
质量
pct|培训考核合格率||80 85 90 95
pct|项目验收通过率||85 90 95 100
pct|纠纷案件办结率||85 90 95
pct|平台系统正常运行率||95 98 99
pct|数据统计准确率||95 98 100
pct|档案资料归档完整率||90 95 100
pct|执法检查覆盖率||80 90 100
pct|咨询事项答复率||90 95 100
pct|抽检结果公开率||90 95 100
pct|维权援助结案率||80 85 90
pct|设备完好率||90 95 98
pct|政策兑现准确率||95 98 100
pct|信息公开完整率||90 95 100
pct|专利预审合格率||80 85 90
qual|知识产权服务管理制度||健全
qual|项目管理流程||规范
qual|专项资金使用||合规
qual|内部控制制度||完善
qual|服务标准||明确
qual|绩效档案资料||完整
lower|平台系统年度故障停机次数|次|2 3 4 5 6
lower|有效投诉|件|2 3 4 5
lower|重大安全责任事故|起|0
时效
date|项目完成时间||
date|专项资金拨付时间||
date|培训活动完成时限||
date|年度绩效报告报送时间||
date|设备采购完成时间||
date|平台运维服务按期完成||
date|项目评审验收完成时间||
date|奖补政策兑现完成时间||
pct|项目按时完成率||90 95 100
pct|资金拨付及时率||90 95 100
pct|案件按期办结率||90 95
成本
cost|运维服务费用||
cost|培训组织费用||
cost|设备购置费用||
cost|专家评审费用||
cost|宣传推广费用||
cost|委托第三方服务费用||
cost|奖补资金支出||
cost|信息系统建设费用||
cost|办公耗材费用||
cost|场地租赁费用||
cost|课题研究费用||
经济效益
money|带动企业新增销售收入|万元|500 1000 2000 5000
money|促成专利许可转让金额|万元|100 200 500
money|实现知识产权质押融资|万元|1000 2000 5000 10000
money|挽回企业经济损失|万元|50 100 200
count|带动企业新增专利产品|个|10 20 30 50
社会效益
pct|知识产权纠纷调解成功率||70 75 80 85 90
pct|重点企业知识产权贯标率||30 40 50 60
pct|侵权假冒案件查处率||85 90 95
pct|培训人员知识产权知识知晓率||80 85 90
count|带动企业专利申请量|件|200 500 1000
count|惠及中小企业|家|50 100 200
count|培养知识产权专业人才|人|20 30 50 100
count|宣传活动覆盖受众|人次|1000 5000 10000
count|促成专利技术转移转化|项|10 20 30
count|维权援助覆盖企业|家|30 50 100
生态效益
pct|无纸化办公比例||60 70 80 90
pct|线上办理事项占比||50 60 70 80
可持续影响
count|平台持续运行年限|年|3 5
count|知识产权工作站持续运行|个|3 5 8 10
qual|知识产权保护长效工作机制||健全
qual|服务体系运行机制||完善
pct|服务平台用户留存率||60 70 80
服务对象满意度
pct|服务对象满意度||80 85 90 95
pct|服务企业满意度||80 85 90 95
pct|参训人员满意度||80 85 90 95
pct|社会公众满意度||80 85 90
pct|受助企业满意度||85 90 95
pct|创新主体满意度||80 85 90
"""


@dataclass(frozen=True)
class _Item:
    """One indicator of the vocabulary."""

    kind: str
    name: str
    unit: str
    targets: tuple[int, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class _Category:
    """A level-1/level-2 category and the indicators it can draw."""

    key: str
    level1: str
    level2: str
    items: tuple[_Item, ...]

    @property
    def label(self) -> str:
        """``产出指标/数量指标``."""
        return f"{self.level1}/{self.level2}"


_LEVELS: Final[dict[str, tuple[str, str]]] = {
    "数量": ("产出指标", "数量指标"),
    "质量": ("产出指标", "质量指标"),
    "时效": ("产出指标", "时效指标"),
    "成本": ("产出指标", "成本指标"),
    "经济效益": ("效益指标", "经济效益指标"),
    "社会效益": ("效益指标", "社会效益指标"),
    "生态效益": ("效益指标", "生态效益指标"),
    "可持续影响": ("效益指标", "可持续影响指标"),
    "服务对象满意度": ("满意度指标", "服务对象满意度指标"),
}


def _vocabulary() -> dict[str, _Category]:
    """The categories of :data:`_VOCABULARY`, in table order."""
    items: dict[str, list[_Item]] = {}
    current = ""
    for line in _VOCABULARY.strip().splitlines():
        if "|" not in line:
            current = line.strip()
            items[current] = []
            continue
        kind, name, unit, values = line.split("|")
        numbers = tuple(int(v) for v in values.split()) if kind not in ("qual", "date", "cost") else ()
        words = tuple(values.split()) if kind == "qual" else ()
        items[current].append(_Item(kind, name, unit, numbers, words))
    return {key: _Category(key, *_LEVELS[key], tuple(found)) for key, found in items.items()}


_CATEGORIES: Final = _vocabulary()
_OUTPUT_KEYS: Final = ("数量", "质量", "时效", "成本")
_EFFECT_KEYS: Final = ("经济效益", "社会效益", "生态效益", "可持续影响")
_LEVEL1_POINTS: Final = (("产出指标", 50), ("效益指标", 30), ("满意度指标", 10))
_EXECUTION_POINTS: Final = 10

_CITIES: Final = tuple(
    "临江 青山 云溪 白石 望川 松岭 清河 鹿鸣 金沙 银湖 枫桥 柳岸 石泉 梅岭 竹溪 "
    "兰亭 凤鸣 龙潭 玉屏 雁湖 星海 新港 南湖 北岭 东川 西岑 安澜 明溪 江宁 苍梧".split()
)
_BUREAUS: Final = ("知识产权局", "市场监督管理局（知识产权局）", "知识产权保护中心", "知识产权服务中心")
_UNITS: Final = ("知识产权保护中心", "知识产权服务中心", "知识产权信息中心", "知识产权发展研究中心", "综合行政执法支队")
_TOPICS: Final = tuple(
    "知识产权公共服务平台运行 专利导航服务 知识产权保护中心运行 商标品牌培育 知识产权执法维权 "
    "知识产权宣传培训 专利转化运用 知识产权质押融资服务 地理标志产品保护 知识产权信息化建设 "
    "知识产权强市建设 知识产权维权援助 海外知识产权纠纷应对 高价值专利培育 知识产权运营服务体系建设 "
    "专利快速预审 知识产权人才培养 知识产权战略研究 商标代理行业监管 知识产权数据统计分析 "
    "企业知识产权贯标 知识产权示范企业培育 专利技术对接 知识产权纠纷人民调解 知识产权保护工作站建设 "
    "知识产权法治宣传 专利资助奖励 知识产权服务业集聚区建设 知识产权公共服务网点建设 "
    "知识产权综合管理改革 知识产权金融服务 知识产权国际合作交流 商业秘密保护 知识产权仲裁调解 "
    "专利审查协作服务 知识产权分析评议 知识产权大数据平台运维 知识产权信用体系建设 "
    "集成电路布图设计保护 植物新品种保护宣传 知识产权进企业服务 知识产权质量提升 重点产业专利导航 "
    "知识产权托管服务 知识产权年度统计监测".split()
)
_SUFFIXES: Final = ("项目", "经费", "专项资金", "工作经费")
_USES: Final = ("平台运维", "培训组织", "宣传推广", "专家评审", "委托服务", "设备购置", "数据采集", "调研走访")
_DEVIATIONS: Final = (
    "受场地调整影响，部分活动延至下一年度；改进措施：提前排定计划并采用线上线下结合方式。",
    "服务对象需求低于预期；改进措施：加强需求调研，合理设定年度目标。",
    "项目实施中期人员变动，进度有所滞后；改进措施：建立月度调度机制。",
    "受外部因素影响，部分工作未能按计划完成；改进措施：完善应急预案，加强过程监控。",
    "设备老化导致故障增加；改进措施：更新核心设备并建立定期巡检制度。",
    "合作单位配合不及时；改进措施：签订协议明确时限和责任。",
)
_VAGUE_WORDS: Final = ("明显提升", "效果显著", "持续改善", "有所提高", "进一步增强")

#: Grade bands a department's projects are drawn in: (grade, lowest, highest total in cents,
#: share of departments). Totals aim inside the band with a margin; the grade is the band's.
_BANDS: Final = (("优", 9050, 9950, 70), ("良", 8100, 8950, 22), ("中", 6600, 7900, 8))
_GRADE_FLOORS: Final = (("优", 9000), ("良", 8000), ("中", 6000), ("差", 0))


# --------------------------------------------------------------------------- numbers as printed


def _half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half-up to an integer (both positive)."""
    return (2 * numerator + denominator) // (2 * denominator)


def _money(hundreds: int, unit: str) -> str:
    """An amount in hundreds of 元 as printed in ``unit`` with two decimals (元 or 万元)."""
    if unit == "元":
        return f"{hundreds * 100}.00"
    return f"{hundreds // 100}.{hundreds % 100:02d}"


def _wan(hundreds: int) -> str:
    """An amount in hundreds of 元 as 万元 without trailing zeros (``60.5``, ``12``)."""
    whole, cents = divmod(hundreds, 100)
    if not cents:
        return str(whole)
    return f"{whole}.{cents:02d}".rstrip("0")


def _cents(value: int) -> str:
    """Hundredths as a number with two decimals (``933`` → ``9.33``)."""
    return f"{value // 100}.{value % 100:02d}"


@cache
def _points(value: int) -> str:
    """Hundredths of a point as the shortest decimal (``1000`` → ``10``, ``250`` → ``2.5``)."""
    if value % 100 == 0:
        return str(value // 100)
    if value % 10 == 0:
        return f"{value // 100}.{value % 100 // 10}"
    return _cents(value)


def _tenths(value: int) -> str:
    """Tenths as a number (``955`` → ``95.5``, ``950`` → ``95``)."""
    return str(value // 10) if value % 10 == 0 else f"{value // 10}.{value % 10}"


def _grade(total: int) -> str:
    """The national grade of a total in hundredths of a point."""
    return next(grade for grade, floor in _GRADE_FLOORS if total >= floor)


# --------------------------------------------------------------------------- the model being built


class _Row:
    """One indicator row, with the numbers behind its texts (for scoring and anomalies).

    The defaults live on the class, so creating one of millions of rows sets only what differs.
    """

    target: str = ""
    target_half: str = ""
    actual: str = ""
    deviation: str = ""
    money_unit: str = "万元"
    t: int = 0  # target: a count, tenths of a percent or hundreds of 元
    a: int = 0  # actual, same scale
    a0: int = 0  # the full-marks actual as drawn
    w: int = 0  # weight in hundredths of a point (0: not scored)
    score: int = 0  # printed score in hundredths of a point
    narrated: bool = False

    def __init__(self, row_id: str, category: _Category, item: _Item) -> None:
        self.id, self.category, self.item, self.name = row_id, category, item, item.name

    @property
    def full(self) -> bool:
        """True when the row has full marks."""
        return self.score == self.w


@dataclass
class _Project:
    """One project: its funds, indicators and printed figures."""

    index: int
    name: str
    unit_name: str
    content: str
    budget: int  # hundreds of 元
    parts: list[tuple[str, str, str, int, int, int]] = field(default_factory=list)  # id, line, source, b0, b, e
    rows: list[_Row] = field(default_factory=list)
    narratives: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, text, quantity, indicator
    goal: str = ""
    executed: int = 0
    rate: int = 0  # printed execution rate, hundredths of a percent
    execution: int = 0  # execution score, hundredths of a point
    total: int = 0
    grade: str = ""
    printed_rate: int = 0
    printed_execution: int = 0
    printed_total: int = 0
    printed_grade: str = ""

    @property
    def pid(self) -> str:
        """The project's id (``p3``)."""
        return f"p{self.index}"

    @property
    def indicator_score(self) -> int:
        """Σ printed indicator scores, hundredths of a point."""
        return sum(r.score for r in self.rows)


@dataclass
class _Department:
    """A department being generated."""

    id: str
    index: int
    seed: int
    year: int
    scored: bool
    unit: str
    name: str
    region: str
    sections: bool
    half_targets: bool
    projects: list[_Project] = field(default_factory=list)
    planted: list[tuple[str, str]] = field(default_factory=list)  # (code, description)


# --------------------------------------------------------------------------- generation


class _Rng(random.Random):
    """``random.Random`` with quick draws built on :meth:`random.Random.random` alone.

    ``pick``, ``between`` and ``below`` cost one call to ``random()`` each (``choice`` and
    ``randint`` cost several), which matters for millions of indicator rows; the sequence is
    still fully determined by the seed.
    """

    def pick(self, seq: Sequence[_T]) -> _T:
        """One element of ``seq`` (not empty)."""
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``."""
        return low + int(self.random() * (high - low + 1))

    def below(self, n: int) -> int:
        """An integer in ``[0, n)``."""
        return int(self.random() * n)

    def draw(self, seq: Sequence[_T], k: int) -> list[_T]:
        """``k`` distinct elements of ``seq`` in random order (a partial Fisher–Yates shuffle)."""
        pool = list(seq)
        n, random_ = len(pool), self.random
        for i in range(k):
            j = i + int(random_() * (n - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]


def _size(rng: _Rng, low: int, high: int) -> int:
    """A size in ``[low, high]`` skewed towards ``low`` like real documents: mean ``low + (high − low + 1)/4``."""
    u = rng.random()
    return min(high, low + int((high - low + 1) * u * u * u))


def _budget(rng: _Rng) -> int:
    """A project budget in hundreds of 元, 5万元 … 5000万元, most between 10万 and 1000万元."""
    exponent: int = rng.choices((0, 1, 2, 3), weights=(15, 40, 35, 10))[0]
    low, high = (500, 999) if exponent == 0 else (100, 499 if exponent == 3 else 999)
    scale: int = 10**exponent
    return min(MAX_BUDGET, rng.between(low, high) * scale + rng.below(scale))


def _split(rng: _Rng, total: int, count: int, *, even: bool) -> list[int]:
    """``total`` units in ``count`` positive parts: nearly equal (``even``) or random cuts."""
    if even:
        base, extra = divmod(total, count)
        bonus = set(rng.draw(range(count), extra))
        return [base + (i in bonus) for i in range(count)]
    cuts = sorted(rng.sample(range(1, total), count - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _category_counts(rng: _Rng, n: int) -> dict[str, int]:
    """How many indicators each category gets in a project of ``n``."""
    satisfaction = 1 + (n >= 25) + (n >= 45)
    effect = max(2, (n * rng.between(18, 30) + 50) // 100)
    output = n - satisfaction - effect
    timing = 1 + (output >= 15) + (output >= 30)
    cost = 1 + rng.below(min(4, 1 + output // 8))
    quality = max(1, (output * rng.between(15, 30) + 50) // 100)
    counts = {"数量": output - timing - cost - quality, "质量": quality, "时效": timing, "成本": cost}
    effects = {
        "经济效益": effect * rng.between(10, 30) // 100,
        "生态效益": effect * rng.between(0, 12) // 100,
        "可持续影响": effect * rng.between(10, 25) // 100,
    }
    effects["社会效益"] = effect - sum(effects.values())
    for key in ("经济效益", "可持续影响", "生态效益"):  # more than the vocabulary has: move the rest on
        spare = len(_CATEGORIES["社会效益"].items)
        over = max(0, effects["社会效益"] - spare)
        room = len(_CATEGORIES[key].items) - effects[key]
        effects[key] += min(over, room)
        effects["社会效益"] -= min(over, room)
    counts.update(effects)
    counts["服务对象满意度"] = satisfaction
    overflow = max(0, counts["数量"] - len(_CATEGORIES["数量"].items))
    counts["数量"] -= overflow
    counts["质量"] += overflow
    return counts


_COUNT_FORMS: Final = ("≥{}{}", "≥{}{}", "不少于{}{}", "{}{}以上", "{}{}")
_PCT_FORMS: Final = ("≥{}%", "≥{}%", "不低于{}%", "{}%以上", "达到{}%")
_MONEY_FORMS: Final = ("≥{}万元", "不少于{}万元")
_CAP_FORMS: Final = ("≤{}", "≤{}", "不超过{}", "控制在{}以内")
_MONTHS: Final = (6, 9, 10, 11, 12, 12, 12)
_DEADLINES: Final = ("{0}年{1}月底前", "{0}年{1}月底前", "{1}月底前")
_YEAR_ENDS: Final = ("{0}年12月31日前", "{0}年12月底前", "12月底前")
_ACHIEVED: Final = "达成年度指标"
_PARTLY: Final = "部分达成年度指标并具有一定效果"


def _render_actual(row: _Row) -> None:
    """Write ``row.actual`` from ``row.a``."""
    kind = row.item.kind
    if kind == "count" or kind == "lower":
        row.actual = f"{row.a}{row.item.unit}"
    elif kind == "pct":
        row.actual = f"{_tenths(row.a)}%"
    elif kind == "money":
        row.actual = f"{_money(row.a, '万元')}万元"
    elif kind == "cost":
        row.actual = f"{_wan(row.a)}万元" if row.money_unit == "万元" else f"{row.a * 100}元"


def _fill(rand: Callable[[], float], row: _Row, year: int, scored: bool, cap: int) -> None:
    """Target (and, when ``scored``, a full-marks actual) of one row; ``cap`` is a cost row's cap.

    ``rand`` is the department generator's ``random``; draws are inlined (``seq[int(rand() *
    len(seq))]``) because this runs for every one of millions of rows.
    """
    item = row.item
    kind = item.kind
    targets = item.targets
    if kind == "count":
        t = row.t = targets[int(rand() * len(targets))]
        row.target = _COUNT_FORMS[int(rand() * 5)].format(t, item.unit)
        row.a = t + int(rand() * (t * 29 // 100 + 1)) if rand() < 0.6 else t
    elif kind == "pct":
        t = targets[int(rand() * len(targets))]
        row.t = t * 10
        row.target = "100%" if t == 100 and rand() < 0.5 else _PCT_FORMS[int(rand() * 5)].format(t)
        row.a = row.t + int(rand() * (min(1000 - row.t, row.t * 29 // 100) + 1))
    elif kind == "money":
        t = targets[int(rand() * len(targets))]
        row.t = t * 100
        row.target = _MONEY_FORMS[int(rand() * 2)].format(t)
        row.a = row.t + int(rand() * (row.t * 29 // 100 + 1))
    elif kind == "lower":
        t = row.t = targets[int(rand() * len(targets))]
        row.target = f"{t}{item.unit}" if t == 0 else _CAP_FORMS[int(rand() * 4)].format(f"{t}{item.unit}")
        row.a = int(rand() * (t + 1))
    elif kind == "qual":
        row.target = item.words[int(rand() * len(item.words))]
        row.actual = _ACHIEVED
    elif kind == "date":
        month = _MONTHS[int(rand() * 7)]
        row.target = (_DEADLINES if month < 12 else _YEAR_ENDS)[int(rand() * 3)].format(year, month)
        done = month - int(rand() * min(4, month))
        row.actual = f"{year}年{done}月{1 + int(rand() * 28)}日"
    else:  # cost
        row.t = cap
        shown = f"{_wan(cap)}万元" if row.money_unit == "万元" else f"{cap * 100}元"
        row.target = _CAP_FORMS[int(rand() * 4)].format(shown)
        row.a = cap * (85 + int(rand() * 16)) // 100
    row.a0 = row.a
    if not scored:
        row.actual = ""
    elif kind == "count":
        row.actual = f"{row.a}{item.unit}"
    elif kind != "qual" and kind != "date":
        _render_actual(row)


def _rows(rng: _Rng, project: _Project, n: int, dept: _Department) -> None:
    """The indicator rows of a project: categories, names, targets, actual values and weights."""
    counts = _category_counts(rng, n)
    cost_unit = "万元" if dept.unit == "万元" or rng.random() < 0.5 else "元"
    caps = _split(rng, project.budget * rng.between(90, 100) // 100, counts["成本"], even=False)
    number, rand, year, scored, rows = 0, rng.random, dept.year, dept.scored, project.rows
    prefix = f"i{project.index}-"
    for key, category in _CATEGORIES.items():
        for item in rng.draw(category.items, counts[key]):
            number += 1
            row = _Row(f"{prefix}{number:02d}", category, item)
            if item.kind == "cost":
                row.money_unit = cost_unit
            _fill(rand, row, year, scored, caps.pop() if item.kind == "cost" else 0)
            rows.append(row)
    if dept.scored:
        step = 50 if rng.random() < 0.3 else 100  # half points or whole points
        even = rng.random() < 0.6
        start = 0
        for level1, points in _LEVEL1_POINTS:  # the rows are in category order: each level 1 is a slice
            size = sum(counts[c.key] for c in _CATEGORIES.values() if c.level1 == level1)
            units = _split(rng, points * 100 // step, size, even=even)
            for row, unit in zip(rows[start : start + size], units, strict=True):
                row.w = row.score = unit * step
            start += size
    elif dept.half_targets:
        for row in project.rows:
            if row.item.kind == "count" and row.t >= 2 and rng.random() < 0.5:
                row.target_half = f"≥{row.t // 2}{row.item.unit}"


def _narratives(rng: _Rng, project: _Project) -> None:
    """Quantities stated in the project's goal text, each linked to a 数量 indicator."""
    counted = [r for r in project.rows if r.category.key == "数量" and r.t > 0]
    clauses = []
    for row in rng.draw(counted, min(len(counted), rng.pick((0, 1, 1, 2, 3)))):
        quantity = rng.pick((f"{row.t}{row.item.unit}", f"不少于{row.t}{row.item.unit}"))
        text = f"全年{row.name}{quantity}"
        project.narratives.append((f"n{project.index}-{len(project.narratives) + 1}", text, quantity, row.id))
        row.narrated = True
        clauses.append(text)
    topic = project.name
    clauses.append(f"保障{topic}顺利实施，资金使用规范，服务对象满意")
    project.goal = "；".join(clauses) + "。"


def _funds(rng: _Rng, project: _Project, scored: bool) -> None:
    """The project's funds block: a total and its parts (execution comes with the score plan)."""
    b = project.budget
    shares = [("cur", "本年财政拨款" if scored else "其中：财政资金", "财政拨款")]
    if scored and rng.random() < 0.4:
        shares.append(("prev", "上年结转资金", "上年结转"))
    if rng.random() < 0.35:
        shares.append(("other", "其他资金", "其他资金"))
    amounts = [b]
    if len(shares) > 1:
        amounts = [0] * len(shares)
        for i in range(1, len(shares)):
            amounts[i] = max(1, b * rng.between(5, 30) // 100)
        amounts[0] = b - sum(amounts[1:])
    for (suffix, line, source), amount in zip(shares, amounts, strict=True):
        initial = amount
        if scored and rng.random() < 0.2:
            initial = amount - amount * rng.between(5, 20) // 100  # raised during the year
        project.parts.append((f"f-p{project.index}-{suffix}", line, source, initial, amount, 0))  # executed: planned


def _plan_scores(rng: _Rng, project: _Project, band: tuple[str, int, int, int]) -> None:
    """Execution rate and indicator deductions that put the project's total inside ``band``.

    Scores follow mof-2020-project: ≥ rows ``w × a/t``, ≤ rows ``w × (2t − a)/t``, qualitative
    rows in their tier, each rounded half-up to 2 places; total = execution score + Σ rows.
    The indicator score rate stays within 5 % of the execution score rate (no SCORE_VS_EXECUTION).
    """
    grade, low, high, _ = band
    for _attempt in range(50):
        rate_floor = 955 if grade == "优" else 820
        rate = rng.between(rate_floor, 1000)
        parts = []
        for pid, line, source, initial, amount, _ in project.parts:
            parts.append((pid, line, source, initial, amount, amount * rate // 1000))
        executed = sum(p[5] for p in parts)
        execution = _half_up(_EXECUTION_POINTS * 100 * executed, project.budget)
        ceiling = min(9000, 180 * execution // 19 - 5)
        wanted = min(rng.between(low, high) - execution, ceiling)
        for row in project.rows:
            row.score, row.deviation = row.w, ""
            _render_back(row)
        _deduct(rng, project.rows, 9000 - wanted, deep=grade == "中")
        total = execution + project.indicator_score
        if _grade(total) == grade and 19 * project.indicator_score <= 180 * execution:
            project.parts, project.executed, project.execution = parts, executed, execution
            project.rate = _half_up(10000 * executed, project.budget)
            project.total, project.grade = total, grade
            return
    raise RuntimeError(f"no consistent score plan for {project.pid}")  # pragma: no cover


def _render_back(row: _Row) -> None:
    """Undo a deduction: the row's full-marks actual value (as drawn)."""
    if row.item.kind == "qual":
        row.actual = _ACHIEVED
    elif row.a != row.a0:
        row.a = row.a0
        _render_actual(row)


def _deduct(rng: _Rng, rows: Sequence[_Row], lost: int, *, deep: bool) -> None:
    """Take about ``lost`` hundredths of a point off the rows: under-achieved targets with a reason."""
    smallest = 2 if deep else 4
    candidates = [
        r
        for r in rows
        if (r.item.kind in ("count", "pct", "money") and r.t >= smallest)
        or (r.item.kind in ("lower", "cost") and r.t >= 2)
        or r.item.kind == "qual"
    ]
    rng.shuffle(candidates)
    deepest = 70 if deep else 50
    for row in candidates:
        if lost < 5:
            return
        want = min(lost, row.w * rng.between(3, deepest) // 100)
        kind = row.item.kind
        if kind == "qual":
            low, high = -(-6 * row.w // 10), -(-8 * row.w // 10) - 1  # [0.6w, 0.8w)
            score = max(low, row.w - want)
            if score > high or row.w - score > lost + 5:
                continue
            row.actual = _PARTLY
        else:
            short = want * row.t // row.w
            if short < 1:
                continue
            if kind in ("lower", "cost"):
                row.a = row.t + min(short, row.t - 1)
                score = _half_up(row.w * (2 * row.t - row.a), row.t)
            else:
                row.a = row.t - short
                score = _half_up(row.w * row.a, row.t)
            _render_actual(row)
        lost -= row.w - score
        row.score = score
        row.deviation = rng.pick(_DEVIATIONS)


def _department(index: int, seed: int) -> _Department:
    """Draw one department (without planted mistakes) from its own seeded generator."""
    rng = _Rng(f"perfnb-synth:{seed}:{index}")
    scored = rng.random() < 0.5
    city = rng.pick(_CITIES)
    dept = _Department(
        id=dept_id(index),
        index=index,
        seed=seed,
        year=rng.between(2020, 2025),
        scored=scored,
        unit=("万元" if rng.random() < 0.75 else "元") if scored else rng.pick(("元", "万元")),
        name=f"{city}市{rng.pick(_BUREAUS)}",
        region=f"某省{city}市",
        sections=scored and rng.random() < 0.4,
        half_targets=not scored and rng.random() < 0.3,
    )
    band = rng.choices(_BANDS, weights=[b[3] for b in _BANDS])[0]
    topics = rng.draw(_TOPICS, _size(rng, MIN_PROJECTS, MAX_PROJECTS))
    for p, topic in enumerate(topics, 1):
        project = _Project(
            index=p,
            name=f"{dept.year}年{topic}{rng.pick(_SUFFIXES)}",
            unit_name=dept.name if rng.random() < 0.5 else f"{city}市{rng.pick(_UNITS)}",
            content=f"用于{topic}相关的{'、'.join(rng.draw(_USES, 3))}等支出。",
            budget=_budget(rng),
        )
        _funds(rng, project, scored)
        _rows(rng, project, _size(rng, MIN_INDICATORS, MAX_INDICATORS), dept)
        _narratives(rng, project)
        if scored:
            _plan_scores(rng, project, band)
            project.printed_rate, project.printed_execution = project.rate, project.execution
            project.printed_total, project.printed_grade = project.total, project.grade
        dept.projects.append(project)
    return dept


# --------------------------------------------------------------------------- planted mistakes


def _pick(rng: _Rng, rows: Sequence[_Row]) -> _Row | None:
    return rng.pick(rows) if rows else None


def _all_rows(dept: _Department) -> list[_Row]:
    return [r for p in dept.projects for r in p.rows]


def _plant_sum(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    i = rng.below(len(project.parts))
    pid, line, source, initial, amount, executed = project.parts[i]
    extra = max(1, amount * rng.between(2, 15) // 100)
    project.parts[i] = (pid, line, source, initial, amount + extra, executed)
    return f"{pid}（{line}）全年预算数多录 {_money(extra, dept.unit)}{dept.unit}，与合计行不符"


def _plant_rate(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    project.printed_rate = project.rate - rng.between(100, 900)  # the rate is at least 82 %
    return f"{project.pid} 预算执行率印为 {_cents(project.printed_rate)}%，应为 {_cents(project.rate)}%"


def _plant_execution_score(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    project.printed_execution = project.execution - rng.between(30, 150)  # the score is at least 8.20
    return f"{project.pid} 预算执行得分印为 {_cents(project.printed_execution)}，应为 {_cents(project.execution)}"


def _plant_score(rng: _Rng, dept: _Department) -> str | None:
    recomputed = ("count", "pct", "money", "lower", "cost")
    row = _pick(rng, [r for r in _all_rows(dept) if r.w >= 200 and r.item.kind in recomputed])
    if row is None:
        return None
    right = row.score
    row.score = max(0, row.score - rng.between(50, row.w // 2))
    row.deviation = row.deviation or rng.pick(_DEVIATIONS)
    return f"{row.id}（{row.name}）得分印为 {_cents(row.score)}，按规则应为 {_cents(right)}"


def _plant_over_weight(rng: _Rng, dept: _Department) -> str | None:
    row = rng.pick(_all_rows(dept))
    row.score = row.w + rng.pick((50, 100, 200))
    return f"{row.id}（{row.name}）得分 {_points(row.score)} 超过分值 {_points(row.w)}"


def _plant_total(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    delta = rng.between(50, 300)
    project.printed_total = project.total + delta if project.total + delta <= 10000 else project.total - delta
    return f"{project.pid} 总分印为 {_cents(project.printed_total)}，应为 {_cents(project.total)}"


def _plant_grade(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    project.printed_grade = "良" if project.grade == "优" else "优"
    return f"{project.pid} 评价等级印为“{project.printed_grade}”，总分 {_cents(project.total)} 应为“{project.grade}”"


def _plant_duplicate(rng: _Rng, dept: _Department) -> str | None:
    groups: list[list[_Row]] = []  # rows of one project, category and kind of value: a name fits either
    for project in dept.projects:
        by_kind: dict[tuple[str, str, str], list[_Row]] = {}
        for row in project.rows:
            by_kind.setdefault((row.category.key, row.item.kind, row.item.unit), []).append(row)
        groups.extend(rows for rows in by_kind.values() if len(rows) >= 2)
    if not groups:
        return None
    first, second = rng.draw(rng.pick(groups), 2)
    second.name = first.name
    return f"{second.id} 的三级指标名称与 {first.id} 重复（“{first.name}”）"


def _plant_vague(rng: _Rng, dept: _Department) -> str | None:
    row = _pick(rng, [r for r in _all_rows(dept) if r.category.level1 == "效益指标" and r.full and not r.narrated])
    if row is None:
        return None
    row.item = _Item("qual", row.item.name, "", (), ())
    row.target = rng.pick(_VAGUE_WORDS)
    row.actual = _ACHIEVED if dept.scored else ""
    return f"{row.id}（{row.name}）的效益目标写成“{row.target}”，没有可衡量的数值"


def _plant_deadline(rng: _Rng, dept: _Department) -> str | None:
    row = _pick(rng, [r for r in _all_rows(dept) if r.item.kind == "date"])
    if row is None:
        return None
    wrong = dept.year + 1 if rng.random() < 0.5 else dept.year - 10
    row.target = f"{wrong}年12月底前" if wrong > dept.year else f"{wrong}年12月前"
    return f"{row.id}（{row.name}）的时效目标写成“{row.target}”，不在 {dept.year} 年内"


def _plant_conflict(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    rows = {r.id: r for r in project.rows}
    if not project.narratives:
        row = _pick(rng, [r for r in project.rows if r.item.kind == "count" and r.t > 0])
        if row is None:
            return None
        project.narratives.append((f"n{project.index}-1", f"全年{row.name}{row.t}{row.item.unit}", "", row.id))
    i = rng.below(len(project.narratives))
    nid, _, _, ind = project.narratives[i]
    row = rows[ind]
    wrong = f"{row.t + rng.between(1, max(2, row.t // 2))}{row.item.unit}"
    project.narratives[i] = (nid, f"全年{row.name}{wrong}", wrong, ind)
    return f"{nid} 目标文字中的“{wrong}”与指标 {ind} 的年度指标值“{row.target}”不一致"


def _plant_cost(rng: _Rng, dept: _Department) -> str | None:
    project = rng.pick(dept.projects)
    row = _pick(rng, [r for r in project.rows if r.item.kind == "cost"])
    if row is None:
        return None
    row.t = project.budget + max(100, project.budget * rng.between(10, 50) // 100)
    shown = f"{_wan(row.t)}万元" if row.money_unit == "万元" else f"{row.t * 100}元"
    row.target = f"≤{shown}"
    return f"{row.id}（{row.name}）成本上限 {shown} 超过项目预算"


def _plant_half(rng: _Rng, dept: _Department) -> str | None:
    row = _pick(rng, [r for r in _all_rows(dept) if r.item.kind == "count" and r.t >= 1])
    if row is None:
        return None
    row.target_half = f"≥{row.t * 2}{row.item.unit}"
    return f"{row.id}（{row.name}）半年指标值“{row.target_half}”高于全年“{row.target}”"


def _plant_unit(rng: _Rng, dept: _Department) -> str | None:
    row = _pick(rng, [r for r in _all_rows(dept) if r.category.key == "服务对象满意度"])
    if row is None:
        return None
    row.target = f"≥{row.t // 10}分"
    if dept.scored:
        row.actual = f"{_tenths(row.a)}分"
    return f"{row.id}（{row.name}）满意度目标以“分”计量（“{row.target}”）"


_Plant = Callable[[_Rng, _Department], str | None]

#: Planted mistakes: (finding code, who can have it, how). "all", or "scored" for self-evaluations only.
_PLANTS: Final[tuple[tuple[str, str, _Plant], ...]] = (
    ("SUM_MISMATCH", "all", _plant_sum),
    ("RATE_MISMATCH", "scored", _plant_rate),
    ("SCORE_MISMATCH", "scored", _plant_execution_score),
    ("SCORE_MISMATCH", "scored", _plant_score),
    ("SCORE_OVER_WEIGHT", "scored", _plant_over_weight),
    ("SCORE_MISMATCH", "scored", _plant_total),
    ("GRADE_MISMATCH", "scored", _plant_grade),
    ("DUPLICATE_INDICATOR", "all", _plant_duplicate),
    ("VAGUE_TARGET", "all", _plant_vague),
    ("DEADLINE_OUTSIDE_YEAR", "all", _plant_deadline),
    ("TARGET_CONFLICT", "all", _plant_conflict),
    ("COST_BUDGET_MISMATCH", "all", _plant_cost),
    ("TARGET_ORDER", "targets", _plant_half),
    ("UNIT_MISMATCH", "all", _plant_unit),
)


def _plant(dept: _Department) -> None:
    """Plant one to three mistakes, each recorded with the finding code it must raise."""
    rng = _Rng(f"perfnb-synth:{dept.seed}:{dept.index}:anomalies")
    who = "scored" if dept.scored else "targets"
    plants = [p for p in _PLANTS if p[1] in ("all", who)]
    wanted = 1 + (rng.random() < 0.4) + (rng.random() < 0.15)
    for code, _, plant in rng.draw(plants, len(plants)):
        if len(dept.planted) == wanted:
            break
        description = plant(rng, dept)
        if description is not None:
            dept.planted.append((code, description))


# --------------------------------------------------------------------------- writing


def _yaml_text(value: str) -> str:
    """A one-line YAML scalar: a JSON string is a valid double-quoted YAML scalar."""
    return json.dumps(value, ensure_ascii=False)


def _header(dept: _Department) -> str:
    kind, scheme = ("project_self_evaluation", "mof-2020-project") if dept.scored else ("target_table", "targets-only")
    count = len(dept.projects)
    title = (
        f"{dept.year}年{dept.name}项目支出绩效自评表（{count}个项目）"
        if dept.scored
        else f"{dept.year}年{dept.name}项目绩效目标表（{count}张）"
    )
    codes = sorted({code for code, _ in dept.planted})
    notes = [
        f"【虚构】本部门由 perfnb synth 生成（种子 {dept.seed}，第 {dept.index} 个），不是真实文件，"
        "供基准测试和规模测试使用。",
        f"金额单位{dept.unit}；每个项目一张表，依次录为 p1—p{count}。",
        *(f"- {code}：{text}" for code, text in dept.planted),
        f"植入问题：{'、'.join(codes) if codes else _NONE}",
    ]
    topics = "、".join(p.name.removeprefix(f"{dept.year}年") for p in dept.projects[:3])
    goal = f"围绕{topics}等{count}个项目，完成年度各项工作任务，资金使用规范高效，服务对象满意。"
    lines = [
        "schema_version: 1",
        f"id: {dept.id}",
        f"name: {_yaml_text(dept.name)}",
        f"region: {_yaml_text(dept.region)}",
        f"fiscal_year: {dept.year}",
        f"kind: {kind}",
        f"money_unit: {dept.unit}",
        f"scheme: {scheme}",
        "source:",
        f"  file: {_yaml_text(f'synthetic（虚构，perfnb synth 种子 {dept.seed}）')}",
        f"  title: {_yaml_text(title)}",
        f"  section: {_yaml_text('全文')}",
        f"annual_goal: {_yaml_text(goal)}",
        "notes: |-",
        *(f"  {line}" for line in notes),
        "reconstructions: []",
    ]
    return "\n".join(lines) + "\n"


def _tables(dept: _Department) -> dict[str, list[tuple[str, ...]]]:
    """The five tables' rows, in the column order of :data:`perfnb.format.schema.TABLES`."""
    projects: list[tuple[str, ...]] = []
    funds: list[tuple[str, ...]] = []
    indicators: list[tuple[str, ...]] = []
    narratives: list[tuple[str, ...]] = []
    reported: list[tuple[str, ...]] = []
    year, unit, scored = dept.year, dept.unit, dept.scored
    period = f"{year}年1月1日-{year}年12月31日"
    for p in dept.projects:
        pid, table = p.pid, f"表{p.index}"
        projects.append((pid, p.name, "项目", p.unit_name, "", "", "", f"{year}-01-01", f"{year}-12-31", period,
                         p.content, p.goal, f"{table} 表头", ""))  # fmt: skip
        budget = p.budget
        if scored:
            initial = sum(part[3] for part in p.parts)
            funds.append((f"f-{pid}", pid, "来源", "", "年度资金总额", "", "", "", _money(initial, unit),
                          _money(budget, unit), "", "", "", _money(p.executed, unit), "", "", "", "", "",
                          f"{table} 资金块 第1行", ""))  # fmt: skip
        else:
            funds.append((f"f-{pid}", pid, "来源", "预算规模", "预算数", "", "", "", "", _money(budget, unit),
                          "", "", "", "", "", "", "", "", "", f"{table} 预算规模及资金用途", ""))  # fmt: skip
        for n, (fid, line, source, b0, b, e) in enumerate(p.parts, 2):
            if scored:
                funds.append((fid, pid, "来源", "资金来源", line, source, "", f"f-{pid}", _money(b0, unit),
                              _money(b, unit), "", "", "", _money(e, unit), "", "", "", "", "",
                              f"{table} 资金块 第{n}行", ""))  # fmt: skip
            else:
                funds.append((fid, pid, "来源", "资金来源", line, source, "", f"f-{pid}", "", _money(b, unit),
                              "", "", "", "", "", "", "", "", "", f"{table} 预算规模及资金用途", ""))  # fmt: skip
        labels = {key: f"{table} {c.label} 第" for key, c in _CATEGORIES.items()}
        for n, r in enumerate(p.rows, 1):
            c = r.category
            w = r.w
            score = "" if not w else _points(w) if r.score == w else _cents(r.score)
            indicators.append((r.id, pid, c.level1, c.level2, r.name, "", "", "", "", r.target_half, r.target,
                               r.actual, _points(w) if w else "", score, r.deviation,
                               f"{labels[c.key]}{n}行", ""))  # fmt: skip
        for nid, text, quantity, ind in p.narratives:
            narratives.append((nid, pid, "年度", text, quantity, ind, f"{table} 绩效目标", ""))
        if scored:
            reported.extend(_reported(dept, p, table))
    return {
        "projects": projects,
        "funds": funds,
        "indicators": indicators,
        "narrative_targets": narratives,
        "reported_figures": reported,
    }


def _reported(dept: _Department, p: _Project, table: str) -> list[tuple[str, ...]]:
    """The printed rate, scores, total and grade of one self-evaluated project."""
    pid = p.pid
    out: list[tuple[str, ...]] = [
        (f"r{p.index}-1", pid, "", "execution_rate", "", "预算执行率", _cents(p.printed_rate), "%", "",
         f"{table} 资金块 执行率栏", ""),
        (f"r{p.index}-2", pid, "", "weight", "预算执行", "预算执行率分值", str(_EXECUTION_POINTS), "分", "",
         f"{table} 资金块 分值栏", ""),
        (f"r{p.index}-3", pid, "", "score", "预算执行", "预算执行率得分", _cents(p.printed_execution), "分", "",
         f"{table} 资金块 得分栏", ""),
    ]  # fmt: skip
    if dept.sections:
        for level1, points in _LEVEL1_POINTS:
            section = level1.removesuffix("指标")
            got = sum(r.score for r in p.rows if r.category.level1 == level1)
            n = len(out) + 1
            out.append((f"r{p.index}-{n}", pid, "", "weight", section, f"{level1}分值", str(points), "分", "",
                        f"{table} 指标块 {level1}", ""))  # fmt: skip
            out.append((f"r{p.index}-{n + 1}", pid, "", "score", section, f"{level1}得分", _cents(got), "分", "",
                        f"{table} 指标块 {level1}", ""))  # fmt: skip
    n = len(out) + 1
    out.append((f"r{p.index}-{n}", pid, "", "total_score", "", "总分", _cents(p.printed_total), "分", "",
                f"{table} 总分栏", ""))  # fmt: skip
    out.append((f"r{p.index}-{n + 1}", pid, "", "grade", "", "评价等级", p.printed_grade, "", "",
                f"{table} 总分栏", ""))  # fmt: skip
    return out


def _write(folder: Path, dept: _Department) -> None:
    """Write one department's six files into ``folder`` (created empty)."""
    folder.mkdir()
    (folder / "department.yaml").write_text(_header(dept), encoding="utf-8", newline="\n")
    for name, rows in _tables(dept).items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_COLUMNS[name])
        writer.writerows(rows)
        (folder / f"{name}.csv").write_bytes(buffer.getvalue().encode("utf-8"))


# --------------------------------------------------------------------------- entry point


def _check_out(out: Path) -> None:
    """Refuse an ``out`` that is not a folder, or holds anything besides synthetic department folders.

    Only real folders named ``synth-*`` may be there (an earlier run); a file, a link or any
    other folder means the folder is someone else's, and nothing is written.
    """
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir():
        raise SynthError(f"输出位置 {out} 不是文件夹，拒绝写入", expected="一个空文件夹或不存在的路径")
    foreign = sorted(
        entry.name
        for entry in out.iterdir()
        if not (entry.name.startswith(ID_PREFIX) and entry.is_dir() and not entry.is_symlink())
    )
    if foreign:
        shown = "、".join(foreign[:5]) + ("等" if len(foreign) > 5 else "")
        raise SynthError(
            f"输出文件夹 {out} 不是空的，含有合成部门（synth-*）以外的内容：{shown}；为免覆盖，拒绝写入",
            expected="一个空文件夹，或只含 synth-* 部门文件夹的文件夹（上次生成的结果）",
        )


def synthesize(n: int, out: Path, seed: int = 0, anomalies: float = 0.2) -> list[str]:
    """Write ``n`` synthetic departments under ``out``, one folder each, and return their ids.

    Parameters
    ----------
    n
        How many departments; 0 writes nothing (not even ``out``).
    out
        The data directory to write into: created when missing; otherwise it may hold only
        ``synth-*`` folders (an earlier run): the departments of an earlier run
        (``synth-<digits>``) are removed first, so ``out`` then holds exactly these ``n``.
        Nothing is written outside ``out``.
    seed
        The same seed writes byte-identical files.
    anomalies
        Share of departments (0–1) that get planted mistakes; ``round(n × anomalies)`` of them,
        chosen by the seed.

    Returns
    -------
    list[str]
        The department ids, ``synth-00001`` … in order.

    Raises
    ------
    SynthError
        ``out`` is not a folder or holds anything besides ``synth-*`` folders.
    ValueError
        ``n`` negative or ``anomalies`` outside [0, 1].
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    if not 0 <= anomalies <= 1:
        raise ValueError(f"anomalies must lie in [0, 1], got {anomalies!r}")
    out = Path(out)
    _check_out(out)
    if n == 0:
        return []
    out.mkdir(parents=True, exist_ok=True)
    count = int(n * anomalies + 0.5)
    planted = set(random.Random(f"perfnb-synth:{seed}").sample(range(1, n + 1), count))
    ids = [dept_id(i) for i in range(1, n + 1)]
    for entry in sorted(out.iterdir()):  # an earlier run's departments: replaced, or removed when not generated now
        if _OWN_FOLDER.fullmatch(entry.name):
            shutil.rmtree(entry)
    for index, name in enumerate(ids, 1):
        dept = _department(index, seed)
        if index in planted:
            _plant(dept)
        _write(out / name, dept)
    return ids
