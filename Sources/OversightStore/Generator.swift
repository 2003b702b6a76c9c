import OversightDomain

/// SplitMix64: a small deterministic generator, so a seed gives the same data set on every machine.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< n (n > 0).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// lo ... hi.
    mutating func between(_ lo: Int, _ hi: Int) -> Int { lo + below(hi - lo + 1) }
    /// true with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
    /// One of `xs` by weight.
    mutating func weighted<T>(_ xs: [(T, Int)]) -> T {
        var r = below(xs.reduce(0) { $0 + $1.1 })
        for (x, w) in xs {
            if r < w { return x }
            r -= w
        }
        return xs[xs.count - 1].0
    }
}

/// Load-test matters (`oversight demo --matters N`): spread over the five years before today, in realistic
/// proportions of kinds, states and outcomes — most closed, open ones mostly recent, few overdue — with titles
/// composed from Wenshui-like places and problems, each history written through the one write path (a `StoreBatch`)
/// by the parties that take its steps. From 50,000 matters the organisation set grows by one county (a
/// procuratorate, a justice bureau, the departments and the outside bodies, with a handler each) per 10,000
/// matters, so no inbox holds more than a county's share.
struct Generator {
    static let days = 5 * 365

    let today: CivilDate
    var rng: SplitMix64

    init(today: CivilDate, seed: UInt64) {
        self.today = today
        rng = SplitMix64(seed: seed)
    }

    // MARK: The organisation set

    /// One county's organisations: the first is the demo's own (Wenshui), the others made from it.
    struct County {
        var procuratorate: OrgID, justice: OrgID, departments: [OrgID], external: [OrgID]
    }

    static func extraCounties(for matters: Int) -> Int { matters >= 50_000 ? matters / 10_000 - 1 : 0 }

    private static let stems1 = Array("平安清河石阳东西南北兴永宁泉".map(String.init))
    private static let stems2 = Array("川源山城泉阳谷岭原丰宁安定".map(String.init))

    /// The stem (two characters) of extra county `i`: distinct, never 文水.
    static func stem(_ i: Int) -> String {
        let n2 = stems2.count
        let a = stems1[(i / n2) % stems1.count], b = stems2[i % n2]
        let round = i / (stems1.count * n2)
        return a + b + (round == 0 ? "" : String(round + 1))
    }

    /// Extra county `i` (0-based) made from the demo's organisations and the handler of each: a county of its own
    /// (`c1`, 平川县, …), whose administrator (`c1.xt`, added with it) adds its organisations and people.
    static func county(_ i: Int, from demo: [Organisation]) -> (county: OversightDomain.County, administrator: UserName, orgs: [Organisation], users: [User]) {
        let stem = stem(i)
        let county = OversightDomain.County(id: "c\(i + 1)", name: stem + "县")
        var orgs: [Organisation] = [], users: [User] = []
        let surnames = Array("王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林".map(String.init))
        let given = Array("建明华丽强军静磊芳伟涛宁亮冬洁鹏娟超勇敏".map(String.init))
        for (j, o) in demo.enumerated() where o.party != .admin {
            let id = "c\(i + 1)-\(o.id)"
            let name = o.name.replacingOccurrences(of: "文水县", with: stem + "县")
                .replacingOccurrences(of: "文水", with: stem + "县")
            let code = stem + o.code.dropFirst()
            orgs.append(Organisation(id: id, name: name, party: o.party, domains: o.domains, code: code, county: county.id))
            if o.party != .external {
                let display = surnames[(i * 7 + j) % surnames.count] + given[(i * 3 + j * 5) % given.count]
                    + given[(i + j * 11) % given.count]
                users.append(User(name: "c\(i + 1).\(o.id)", displayName: display, org: id, role: .handler))
            }
        }
        return (county, "c\(i + 1).xt", orgs, users)
    }

    // MARK: Titles

    private static let places = [
        "凤城镇", "开栅镇", "南庄镇", "南安镇", "刘胡兰镇", "下曲镇", "孝义镇", "西槽头乡", "北张乡", "马西乡",
        "苍儿会", "城区", "经济开发区", "汾河某段", "文峪河沿岸", "磁窑河流域", "县城东关", "西城村", "北峪口村", "武陵村",
    ]
    private static let problems: [DomainArea: [String]] = [
        .ecology: ["排污口整治", "河道非法采砂", "秸秆露天焚烧", "煤场扬尘治理", "医疗废物处置", "畜禽养殖污染", "饮用水水源地保护", "固体废物非法倾倒"],
        .land: ["违法占用耕地", "非法采矿", "土地闲置", "违规审批宅基地", "矿山生态修复", "临时用地逾期未复垦"],
        .stateAssets: ["国有土地出让金欠缴", "医保基金违规使用", "惠农补贴发放", "闲置国有资产处置", "罚没款未按时上缴", "专项资金挪用"],
        .foodDrug: ["校园食堂食品安全", "无证诊所查处", "过期药品销售", "农贸市场食品抽检", "网络订餐平台监管", "农药残留超标"],
        .transport: ["超限超载货车治理", "道路施工安全管理", "非法营运车辆", "农村客运安全", "公路桥梁养护"],
        .cultureTourism: ["文物保护单位周边违法建设", "景区安全管理", "网吧接纳未成年人", "古建筑消防安全"],
        .labour: ["拖欠农民工工资", "社保基金冒领", "低保对象动态管理", "工伤认定", "残疾人补贴发放"],
        .construction: ["建筑工地扬尘治理", "燃气安全隐患整治", "城区违法建筑拆除", "危险化学品储存安全", "老旧小区消防通道", "自建房安全排查"],
        .other: ["行政处罚裁量基准执行", "执法人员持证上岗", "行政许可事项公开", "规范性文件违法设定罚款", "涉企行政检查"],
    ]

    private mutating func subject(_ domain: DomainArea) -> String {
        rng.pick(Self.places) + rng.pick(Self.problems[domain] ?? Self.problems[.other]!)
    }

    private static let domainNames: [DomainArea: String] = [
        .ecology: "生态环境", .land: "自然资源", .stateAssets: "国有财产", .foodDrug: "食品药品", .transport: "交通运输",
        .cultureTourism: "文化旅游", .labour: "劳动保障", .construction: "安全生产", .other: "行政执法",
    ]

    // MARK: Matters

    /// How a matter goes: the kind, its parties and title, and its ledger (the days of its path; `Ledger` gives
    /// the steps and who takes each).
    struct Plan {
        var new: NewMatter
        var sender: OrgID
        var ledger: Ledger
    }

    static let kinds: [(MatterKind, Int)] = [
        (.suggestion, 38), (.transfer, 15), (.enforcementCopy, 13), (.inspection, 10), (.referral, 7),
        (.dispute, 6), (.supervisionApplication, 5), (.jointInspection, 3), (.meeting, 3), (.consultation, 3),
    ]

    /// A plan for one matter in `county`; `organisations` resolves ids, `clock` tells when a late reply is overdue.
    mutating func plan(in county: County, organisations: [OrgID: Organisation], clock: PeriodCalculator) -> Plan {
        let kind = rng.weighted(Self.kinds)
        let age = rng.below(Self.days)
        let created = today.adding(days: -age)
        let late = rng.chance(0.04)  // answers after its deadline
        let withdrawn = rng.chance(0.02)
        let reply = late ? rng.between(65, 110) : rng.between(5, 40)
        var ledger = Ledger(kind: kind, created: created)
        let domain: DomainArea, title: String, to: OrgID, from: OrgID
        func dept() -> OrgID { county.departments[rng.below(county.departments.count)] }
        // After the reply the sender follows the rectification up (跟进监督) for weeks to a year before closing.
        func followUp() -> Int { rng.chance(0.7) ? rng.between(15, 180) : rng.between(180, 420) }
        // Each day a number of days after the one before.
        func issue(_ lo: Int, _ hi: Int) -> CivilDate { created.adding(days: rng.between(lo, hi)) }
        switch kind {
        case .suggestion, .inspection:
            from = county.procuratorate
            to = dept()
            domain = rng.pick(organisations[to]?.domains.isEmpty == false ? organisations[to]!.domains : [.other])
            if kind == .suggestion {
                let s = subject(domain)
                title = rng.chance(0.15) ? "关于\(s)的诉前检察建议" : "关于\(s)问题的检察建议"
            } else {
                title = rng.chance(0.5)
                    ? "调阅\(created.year)年度\(Self.domainNames[domain]!)行政处罚案卷（\(rng.pick(Self.places))）"
                    : "询问\(subject(domain))执法人员"
            }
            let issued = issue(0, 3), served = issued.adding(days: rng.between(1, 6))
            (ledger.issued, ledger.served) = (issued, served)
            if withdrawn {
                (ledger.closed, ledger.withdrawn) = (served.adding(days: rng.between(3, 20)), true)
                ledger.texts = [.withdraw: "问题已整改，撤回"]
                break
            }
            // The reply is counted from the service, or from an escalation the day after the deadline.
            var answered = served
            if late, kind == .suggestion, rng.chance(0.5) {
                ledger.escalation = rng.weighted([
                    (EscalationOption.notifySuperior, 4), (.reportUpper, 2), (.reportCommittee, 1), (.notifyGovernment, 1),
                ])
                ledger.escalated = served
                answered = ledger.escalationDay(clock: clock) ?? served
            }
            ledger.replied = answered.adding(days: reply)
            ledger.outcome = kind == .suggestion
                ? rng.weighted([(Outcome.adopted, 78), (.partly, 15), (.rejected, 7)]) : nil
            ledger.closed = ledger.replied!.adding(days: followUp())
            ledger.texts = [.escalate: "逾期未回复", .reply: "书面回复：已部署整改"]
        case .transfer:
            from = county.procuratorate
            to = county.justice
            domain = rng.weighted([(DomainArea.other, 6), (.stateAssets, 2), (.land, 1), (.ecology, 1)])
            title = "关于\(subject(domain))的问题移送"
            let issued = issue(0, 3), served = issued.adding(days: rng.between(1, 6))
            (ledger.issued, ledger.served) = (issued, served)
            if withdrawn {
                (ledger.closed, ledger.withdrawn) = (served.adding(days: rng.between(3, 20)), true)
                ledger.texts = [.withdraw: "已另行处理，撤回"]
                break
            }
            ledger.replied = served.adding(days: reply)
            ledger.closed = ledger.replied!.adding(days: followUp())
            ledger.texts = [.reply: "已督促整改并回复"]
        case .referral:
            from = rng.weighted([(county.procuratorate, 6), (county.justice, 2), (dept(), 2)])
            to = rng.chance(0.8) ? county.external[0] : county.external[county.external.count - 1]
            domain = rng.pick(DomainArea.allCases)
            title = "关于\(subject(domain))中违纪违法问题的线索移送"
            let issued = issue(0, 3), served = issued.adding(days: rng.between(1, 6))
            (ledger.issued, ledger.served, ledger.replied) = (issued, served, served.adding(days: reply))
            ledger.closed = ledger.replied!.adding(days: followUp())
            ledger.texts = [.reply: "受理机关反馈处理情况"]
        case .dispute:
            let invited = rng.chance(0.5)
            from = invited ? county.justice : county.procuratorate
            to = invited ? county.procuratorate : county.justice
            domain = rng.pick([DomainArea.land, .labour, .construction, .other])
            title = "关于\(subject(domain))行政争议的协同化解"
            let issued = issue(0, 3), accepted = issued.adding(days: rng.between(1, 10))
            (ledger.issued, ledger.served) = (issued, accepted)
            ledger.outcome = rng.weighted([(Outcome.resolved, 75), (.unresolved, 25)])
            ledger.replied = accepted.adding(days: reply)
            ledger.closed = ledger.replied!.adding(days: rng.between(3, 20))
            ledger.texts = [.reply: "化解情况", .close: "已释法说理"]
        case .enforcementCopy:
            from = dept()
            to = county.justice
            domain = rng.pick(organisations[from]?.domains.isEmpty == false ? organisations[from]!.domains : [.other])
            title = "强制执行申请书抄送（\(subject(domain))案）"
            let issued = issue(0, 2)
            (ledger.issued, ledger.closed) = (issued, issued.adding(days: rng.between(1, 15)))
        case .supervisionApplication:
            from = dept()
            to = county.procuratorate
            domain = rng.pick(organisations[from]?.domains.isEmpty == false ? organisations[from]!.domains : [.other])
            title = "关于\(subject(domain))案执行活动的监督申请"
            let issued = issue(0, 2), accepted = issued.adding(days: rng.between(1, 7))
            (ledger.issued, ledger.served) = (issued, accepted)
            ledger.outcome = rng.weighted([(Outcome.supported, 60), (.notSupported, 40)])
            ledger.closed = accepted.adding(days: reply)
            ledger.texts = [.close: "审查意见"]
        case .jointInspection:
            from = rng.chance(0.6) ? county.justice : county.procuratorate
            to = dept()
            domain = rng.pick(organisations[to]?.domains.isEmpty == false ? organisations[to]!.domains : [.other])
            title = "\(created.year)年度\(Self.domainNames[domain]!)领域联合专项检查（\(rng.pick(Self.places))）"
            let issued = issue(0, 5), accepted = issued.adding(days: rng.between(1, 10))
            (ledger.issued, ledger.served) = (issued, accepted)
            ledger.closed = accepted.adding(days: rng.between(10, 45))
            ledger.texts = [.close: "检查发现问题若干，已通报"]
        case .meeting:
            from = rng.chance(0.5) ? county.justice : county.procuratorate
            to = from == county.justice ? county.procuratorate : county.justice
            domain = .other
            title = "\(created.year)年第\((created.month - 1) / 3 + 1)季度行政执法监督联席会议"
            let issued = issue(0, 5)
            (ledger.issued, ledger.closed) = (issued, issued.adding(days: rng.between(7, 30)))
            ledger.texts = [.close: "会议纪要"]
        case .consultation:
            from = rng.chance(0.5) ? county.procuratorate : dept()
            to = county.justice
            domain = from == county.procuratorate ? .other : rng.pick(organisations[from]?.domains.isEmpty == false ? organisations[from]!.domains : [.other])
            title = "关于\(subject(domain))法律适用问题的咨询"
            let issued = issue(0, 3)
            ledger.issued = issued
            ledger.replied = issued.adding(days: rng.between(2, 12))
            ledger.closed = ledger.replied!.adding(days: rng.between(1, 5))
            ledger.texts = [.reply: "咨询答复意见"]
        }
        // A few recent matters are still drafts.
        if age < 30, rng.chance(0.1) { ledger = Ledger(kind: kind, created: created) }
        return Plan(
            new: NewMatter(kind: kind, title: title, domain: domain, to: to, date: created, domainConfirmed: true), sender: from, ledger: ledger)
    }

    /// Writes `plan` through the batch: created, then each step of its ledger dated on or before today, taken by a
    /// user of the organisation the workflow names.
    static func write(
        _ plan: Plan, viewers: [OrgID: Viewer], context: WorkflowContext, _ b: StoreBatch
    ) throws {
        guard let sender = viewers[plan.sender] else { throw DemoMismatch(description: "no user at \(plan.sender)") }
        // An outside body (a referral's) has no user: the workflow gives its steps to the sender.
        let parties = [sender] + [viewers[plan.new.to]].compactMap { $0 }
        var m = try b.create(plan.new, by: sender, context: context)
        for step in plan.ledger.steps(clock: context.calculator) {
            guard step.date <= context.today else { break }
            guard let who = Ledger.taker(step, among: parties, on: m) else {
                throw DemoMismatch(description: "generated matter \"\(plan.new.title)\": nobody takes \(step.action.rawValue)")
            }
            m = try b.act(m.id, step.action, input: step.input, by: who, expecting: m.version, context: context)
        }
    }
}
