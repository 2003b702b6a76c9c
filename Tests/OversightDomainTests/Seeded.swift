import PropertyBased
import Testing

/// The seed every property check starts from: fixed, so a run can be repeated exactly, and
/// printed with each check, so a failure names it.
let propertySeed: (UInt64, UInt64, UInt64, UInt64) = (0x0DEA_D11E, 0x2025_1001, 0x0928_0B4E, 0x9E37_79B9_7F4A_7C15)

/// Runs `body` on `count` inputs drawn from `input`, from the fixed `seed` (printed first).
/// Expectations in `body` should name their input.
func seededCheck<Value>(
    _ name: String = #function, seed: (UInt64, UInt64, UInt64, UInt64) = propertySeed, count: Int,
    input: Generator<Value, some Sequence>, perform body: (Value) throws -> Void
) rethrows {
    var rng = Xoshiro(seed: seed)
    print("property \(name): \(count) cases from the Xoshiro seed (\(seed.0), \(seed.1), \(seed.2), \(seed.3))")
    for _ in 0..<count {
        try body(input.run(using: &rng))
    }
}
