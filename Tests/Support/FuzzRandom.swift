import Foundation

/// The random inputs of the property and fuzz tests (exchange formats, importers, keys into the runtime): a seeded generator (SplitMix64), so a run
/// is repeated exactly from the seed it prints; `OVERSIGHT_FUZZ_SEED` (decimal or 0x…) gives another seed and
/// `OVERSIGHT_FUZZ_ITERATIONS` a longer run (e.g. `OVERSIGHT_FUZZ_ITERATIONS=20000 swift test --filter Fuzz`).
public struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The fixed seed, or the environment's.
    public static var seed: UInt64 {
        guard let text = ProcessInfo.processInfo.environment["OVERSIGHT_FUZZ_SEED"], !text.isEmpty else { return 0x1717_5EED_C5F0_0017 }
        if text.hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) ?? 0 }
        return UInt64(text) ?? 0
    }

    /// `fallback` iterations, or the environment's.
    public static func iterations(_ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment["OVERSIGHT_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? fallback
    }

    /// A generator from the seed, `salt` telling the tests apart; the seed is printed so a failure can be rerun.
    public static func start(_ test: String, salt: UInt64) -> FuzzRandom {
        let seed = Self.seed
        print("fuzz \(test): seed 0x\(String(seed, radix: 16)) (OVERSIGHT_FUZZ_SEED), \(iterations(0) == 0 ? "default" : String(iterations(0))) iterations (OVERSIGHT_FUZZ_ITERATIONS)")
        return FuzzRandom(seed: seed ^ salt)
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
    public mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int.random(in: 0..<n, using: &self) }
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
}
