/// Document numbers (文号): 机关代字〔YYYY〕N号, with 六角括号 and no padding (GB/T 9704-2012 §7.2.5).
public enum DocumentNumber {
    public static func isWellFormed(_ s: String) -> Bool {
        guard let open = s.firstIndex(of: "〔"), let close = s.firstIndex(of: "〕"), open < close,
              open > s.startIndex, s.hasSuffix("号") else { return false }
        let year = s[s.index(after: open)..<close]
        let seq = s[s.index(after: close)..<s.index(before: s.endIndex)]
        return year.count == 4 && year.allSatisfy { $0.isASCII && $0.isNumber }
            && !seq.isEmpty && seq.allSatisfy { $0.isASCII && $0.isNumber } && seq.first != "0"
    }

    /// The part of a number that names the kind of document after the organisation's code (机关代字):
    /// 文检 + 行建 = 文检行建〔2025〕7号.
    public static func kindCode(_ kind: MatterKind, variant: MatterVariant?, from party: Party) -> String {
        switch kind {
        case .suggestion: return variant == .publicInterest ? "行公建" : "行建"
        case .transfer: return "移"
        case .inspection: return "调"
        case .referral: return "线"
        case .enforcementCopy: return "执"
        case .supervisionApplication: return "监申"
        case .dispute: return party == .justice ? "邀" : "商"
        case .jointInspection: return "检"
        case .meeting: return "会"
        case .consultation: return "询"
        }
    }

    /// 机关代字〔YYYY〕N号.
    public static func make(prefix: String, year: Int, sequence: Int) -> String {
        "\(prefix)〔\(year)〕\(sequence)号"
    }

    /// The prefix (机关代字 and kind) and year of a well-formed number: 文检行建〔2025〕7号 → ("文检行建", 2025, 7).
    public static func parts(_ s: String) -> (prefix: String, year: Int, sequence: Int)? {
        guard isWellFormed(s), let open = s.firstIndex(of: "〔"), let close = s.firstIndex(of: "〕"),
              let year = Int(s[s.index(after: open)..<close]),
              let seq = Int(s[s.index(after: close)..<s.index(before: s.endIndex)]) else { return nil }
        return (String(s[..<open]), year, seq)
    }
}
