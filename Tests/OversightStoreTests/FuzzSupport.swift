import Foundation

/// The random inputs of the exchange formats' property and fuzz tests: a seeded generator (SplitMix64), so a run
/// is repeated exactly from the seed it prints; `OVERSIGHT_FUZZ_SEED` (decimal or 0x…) gives another seed and
/// `OVERSIGHT_FUZZ_ITERATIONS` a longer run (e.g. `OVERSIGHT_FUZZ_ITERATIONS=20000 swift test --filter Fuzz`).
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The fixed seed, or the environment's.
    static var seed: UInt64 {
        guard let text = ProcessInfo.processInfo.environment["OVERSIGHT_FUZZ_SEED"], !text.isEmpty else { return 0x1717_5EED_C5F0_0017 }
        if text.hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) ?? 0 }
        return UInt64(text) ?? 0
    }

    /// `fallback` iterations, or the environment's.
    static func iterations(_ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment["OVERSIGHT_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? fallback
    }

    /// A generator from the seed, `salt` telling the tests apart; the seed is printed so a failure can be rerun.
    static func start(_ test: String, salt: UInt64) -> FuzzRandom {
        let seed = Self.seed
        print("fuzz \(test): seed 0x\(String(seed, radix: 16)) (OVERSIGHT_FUZZ_SEED), \(iterations(0) == 0 ? "default" : String(iterations(0))) iterations (OVERSIGHT_FUZZ_ITERATIONS)")
        return FuzzRandom(seed: seed ^ salt)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int.random(in: 0..<n, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
}

/// Strings a hostile file or a careless paste would hold, built from pieces biased toward what breaks CSV, ICS
/// and terminals: quotes with combining marks, ZWJ and variation selectors right after them, commas, CR, LF,
/// CRLF, tabs, formula prefixes, bidi and zero-width characters, astral characters, NUL and other controls.
enum Hostile {
    static let marks: [String] = ["\u{0301}", "\u{0300}", "\u{20DD}", "\u{0903}", "\u{200D}", "\u{200C}", "\u{FE0F}", "\u{FE00}", "\u{E0100}", "\u{1F3FB}"]
    static let pieces: [String] = [
        "\"", "\"", "'", ",", ";", "\\", "\r", "\n", "\r\n", "\t", " ", "\u{3000}", "\u{00A0}",
        "=", "+", "-", "@", "＝", "＋", "－", "＠", "=2+5", "@SUM(A1)", "=HYPERLINK(\"x\")", "-1", "'=",
        "\u{202E}", "\u{2066}", "\u{2069}", "\u{200F}", "\u{200B}", "\u{FEFF}", "\u{2028}", "\u{2029}", "\u{00AD}",
        "\u{0000}", "\u{001B}", "\u{001B}[31m", "\u{0085}", "\u{009B}", "\u{007F}", "\u{0007}",
        "😀", "𠀀", "👨‍👩‍👧", "🇨🇳", "a", "b", "汾河", "检察建议", "文检行建〔2025〕7号", "<U+202E>", "{", "[", "}", "]",
    ] + marks

    /// A random string of up to `length` pieces.
    static func string(_ r: inout FuzzRandom, length: Int = 12) -> String {
        var out = ""
        for _ in 0..<r.below(length + 1) {
            let piece: String
            switch r.below(10) {
            case 0: piece = String(randomScalar(&r))
            case 1: piece = "\"" + r.pick(marks)  // a quote with something joined to it
            case 2: piece = r.pick(marks) + r.pick(["=", "+", "-", "@", "\t", "\r\n"])  // a formula behind a mark
            default: piece = r.pick(pieces)
            }
            out += piece
        }
        return out
    }

    static func randomScalar(_ r: inout FuzzRandom) -> Unicode.Scalar {
        let planes: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x800...0xFFFF, 0x10000...0x10FFFF]
        while true {
            if let s = Unicode.Scalar(UInt32.random(in: r.pick(planes), using: &r)) { return s }
        }
    }
}
