"""The words synthetic departments are drawn from: indicators by category, places, topics, grade bands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from perfnb.format.schemes import load_scheme

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
#: The grades a total in hundredths of a point gets: the scheme the self-evaluations are scored under.
_GRADE_FLOORS: Final = tuple((band.grade, int(band.minimum * 100)) for band in load_scheme("mof-2020-project").grades)
