import OversightDomain
import Testing

private let d = Fixtures.date

/// The county used by the workflow tests.
enum County {
    static let orgs: [Organisation] = [
        Organisation(id: "jcy", name: "文水县人民检察院", party: .procuratorate),
        Organisation(id: "sfj", name: "文水县司法局", party: .justice),
        Organisation(id: "hbj", name: "吕梁市生态环境局文水分局", party: .department, domains: [.ecology]),
        Organisation(id: "scj", name: "文水县市场监督管理局", party: .department, domains: [.foodDrug]),
        Organisation(id: "jw", name: "文水县纪委监委", party: .external),
        Organisation(id: "sys", name: "系统管理", party: .admin),
    ]
    static func org(_ id: OrgID) -> Organisation { orgs.first { $0.id == id }! }
    static func viewer(_ id: OrgID, active: Bool = true) -> Viewer {
        Viewer(user: User(name: "u-\(id)", displayName: id, org: id, role: .handler, active: active), org: org(id))
    }
    static let viewers = orgs.map { viewer($0.id) }

    /// One matter of each shape: (label, kind, from, to, subject).
    static let shapes: [(String, MatterKind, OrgID, OrgID, OrgID?)] = [
        ("suggestion", .suggestion, "jcy", "hbj", "hbj"),
        ("transfer", .transfer, "jcy", "sfj", "scj"),
        ("inspection", .inspection, "jcy", "hbj", "hbj"),
        ("referral", .referral, "jcy", "jw", "hbj"),
        ("dispute A (justice invites)", .dispute, "sfj", "jcy", nil),
        ("dispute B (procuratorate asks)", .dispute, "jcy", "sfj", nil),
        ("enforcement copy", .enforcementCopy, "hbj", "sfj", nil),
        ("supervision application", .supervisionApplication, "hbj", "jcy", nil),
        ("joint inspection", .jointInspection, "hbj", "jcy", nil),
        ("meeting", .meeting, "sfj", "jcy", nil),
        ("consultation", .consultation, "hbj", "sfj", nil),
    ]

    /// Issued on 2025-06-02 unless still a draft; a need-to-know one made by its sender's viewer, as the store makes it.
    static func matter(_ kind: MatterKind, from: OrgID, to: OrgID, subject: OrgID?, state: MatterState) -> Matter {
        Matter(id: 1, number: "文检行建〔2025〕7号", kind: kind, title: "t", domain: .ecology, fromOrg: from,
               toOrg: to, subjectOrg: subject, state: state, createdOn: d("2025-06-01"),
               issuedOn: state == .draft ? nil : d("2025-06-02"),
               knownTo: Workflow.needToKnowKinds.contains(kind) ? [viewer(from).user.name] : nil)
    }
}

/// The oracle: each kind's steps as the mechanism and the procuratorate's rules read, written independently of `Workflow.steps`.
/// Roles: S sender, R recipient, SR either, J the justice side, P the procuratorate side, * anyone who sees it.
private let spec: [MatterKind: [(MatterAction, String, String)]] = [
    .suggestion: [
        (.issue, "draft", "S"), (.serve, "issued", "SR"), (.object, "served", "R"), (.maintain, "objected", "S"),
        (.amend, "issued served objected", "S"), (.reply, "served escalated", "R"), (.check, "replied", "S"),
        (.remind, "served objected escalated", "S"), (.escalate, "served objected replied escalated", "S"),
        (.close, "replied escalated", "S"), (.withdraw, "draft issued served objected replied escalated", "S"),
    ],
    .transfer: [
        (.issue, "draft", "S"), (.serve, "issued", "SR"), (.amend, "issued served", "S"), (.reply, "served", "R"),
        (.remind, "served", "S"), (.close, "replied", "S"), (.withdraw, "draft issued served", "S"),
    ],
    .inspection: [
        (.issue, "draft", "S"), (.serve, "issued", "SR"), (.reply, "served", "R"), (.remind, "served", "S"),
        (.close, "replied", "S"), (.withdraw, "draft issued served", "S"),
    ],
    .referral: [
        (.issue, "draft", "S"), (.serve, "issued", "S"), (.reply, "served", "S"), (.close, "served replied", "S"),
        (.withdraw, "draft issued", "S"),
    ],
    .dispute: [
        (.issue, "draft", "S"), (.accept, "issued", "R"), (.decline, "issued", "R"), (.reply, "in-progress", "J"),
        (.close, "replied", "P"), (.withdraw, "draft issued", "S"),
    ],
    .enforcementCopy: [(.issue, "draft", "S"), (.acknowledge, "issued", "R"), (.withdraw, "draft", "S")],
    .supervisionApplication: [
        (.issue, "draft", "S"), (.accept, "issued", "R"), (.decline, "issued", "R"), (.remind, "in-progress", "S"),
        (.close, "in-progress", "R"), (.withdraw, "draft issued in-progress", "S"),
    ],
    .jointInspection: [
        (.issue, "draft", "S"), (.accept, "issued", "R"), (.decline, "issued", "R"),
        (.close, "issued in-progress", "S"), (.withdraw, "draft issued in-progress", "S"),
    ],
    .meeting: [(.issue, "draft", "S"), (.close, "issued", "S"), (.withdraw, "draft issued", "S")],
    // Asked in the system: issued is received (served), the answer is a reply.
    .consultation: [
        (.issue, "draft", "S"), (.reply, "served", "R"), (.remind, "served", "S"), (.close, "replied", "S"),
        (.withdraw, "draft served", "S"),
    ],
]

struct Case: CustomTestStringConvertible, Sendable {
    var shape: Int
    var state: MatterState
    var action: MatterAction
    var viewer: OrgID
    var testDescription: String {
        "\(County.shapes[shape].0) · \(state.rawValue) · \(action.rawValue) · \(viewer)"
    }
}

private let everyCase: [Case] = County.shapes.indices.flatMap { s in
    MatterState.allCases.flatMap { st in
        MatterAction.allCases.flatMap { a in County.orgs.map { Case(shape: s, state: st, action: a, viewer: $0.id) } }
    }
}

@Suite("Workflow table")
struct WorkflowTableTests {
    static func expected(_ c: Case) -> Result<Void, WorkflowError> {
        let (_, kind, from, to, subject) = County.shapes[c.shape]
        let v = County.viewer(c.viewer)
        let party = v.party
        let visible: Bool = {
            guard party != .admin && party != .external else { return false }
            // A referral, and any draft, is its sender's only.
            if kind == .referral || c.state == .draft { return c.viewer == from }
            return c.viewer == from || c.viewer == to || (party == .department && c.viewer == subject)
        }()
        guard visible else { return .failure(.notVisible) }
        var rows = (spec[kind] ?? []).map { ($0.0, Set($0.1.split(separator: " ").map { MatterState(rawValue: String($0))! }), $0.2) }
        rows.append((.note, Set(MatterState.allCases), "*"))
        let forAction = rows.filter { $0.0 == c.action }
        guard !forAction.isEmpty else { return .failure(.notApplicable(c.action, kind)) }
        func fits(_ role: String) -> Bool {
            switch role {
            case "S": return c.viewer == from
            case "R": return c.viewer == to
            case "SR": return c.viewer == from || c.viewer == to
            case "J": return party == .justice
            case "P": return party == .procuratorate
            default: return true
            }
        }
        let mine = forAction.filter { fits($0.2) }
        guard !mine.isEmpty else { return .failure(.notAllowed(c.action, party)) }
        guard mine.contains(where: { $0.1.contains(c.state) }) else { return .failure(.wrongState(c.action, c.state)) }
        return .success(())
    }

    @Test("every (kind, state, action, party)", arguments: everyCase)
    func everyCombination(_ c: Case) {
        let (_, kind, from, to, subject) = County.shapes[c.shape]
        let m = County.matter(kind, from: from, to: to, subject: subject, state: c.state)
        let got = Workflow.check(c.action, on: m, by: County.viewer(c.viewer))
        switch (got, Self.expected(c)) {
        case (.success, .success): break
        case (.failure(let a), .failure(let b)): #expect(a == b)
        case (.success, .failure(let e)): Issue.record("allowed, but expected \(e)")
        case (.failure(let e), .success): Issue.record("refused (\(e)), but expected allowed")
        }
    }

    @Test func everyKindHasAStateMachineAndNoteForAll() {
        for kind in MatterKind.allCases {
            let steps = Workflow.steps(of: kind)
            #expect(steps.contains { $0.action == .issue && $0.from == [.draft] })
            #expect(steps.contains { $0.action == .note && $0.taker == .anyViewer })
            // Every state a kind can reach is left by some step or is final.
            let reached = Set(steps.compactMap(\.to)).union([.draft])
            for s in reached where s.isOpen {
                #expect(steps.contains { $0.from.contains(s) && $0.to != nil && $0.to != s },
                        "\(kind.rawValue) is stuck in \(s.rawValue)")
            }
        }
    }
}
