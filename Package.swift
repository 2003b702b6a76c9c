// swift-tools-version:6.1
import PackageDescription

// Layers (imports point one way, toward the pure domain):
//   OversightDomain ← OversightStore ← OversightRuntime ← OversightCLI ← oversight
//   OversightDomain ← OversightWorkbench ← OversightScreens ← OversightRuntime
//   TerminalKit ← OversightScreens, CursesBackend ← OversightCLI
//   OversightDomain ← OversightResources: the data files (strings, demo data, holiday calendars,
//   the rule book) and their loading into domain values
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Oversight",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "oversight", targets: ["oversight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/pointfreeco/swift-custom-dump", from: "1.3.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(name: "OversightDomain", swiftSettings: strict),
        .target(
            name: "OversightResources",
            dependencies: ["OversightDomain"],
            path: "Resources",
            exclude: ["README.md"],
            resources: [.copy("i18n"), .copy("demo"), .copy("holidays"), .copy("rules"), .copy("letters")],
            swiftSettings: strict
        ),
        .target(
            name: "OversightStore",
            dependencies: [
                "OversightDomain", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The PostgreSQL backend's footing (issue 23): a database URL, a synchronous connection, notices, turns.
        .target(
            name: "OversightPostgres",
            dependencies: [
                "OversightStore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .target(name: "OversightWorkbench", dependencies: ["OversightDomain", "TerminalKit"], swiftSettings: strict),
        .target(name: "TerminalKit", swiftSettings: strict),
        .target(
            name: "OversightScreens",
            dependencies: ["OversightWorkbench", "TerminalKit"],
            swiftSettings: strict
        ),
        .target(
            name: "OversightRuntime",
            dependencies: ["OversightDomain", "OversightStore", "OversightWorkbench", "OversightScreens", "TerminalKit"],
            swiftSettings: strict
        ),
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CursesBackend", dependencies: ["TerminalKit", "CNCurses"], swiftSettings: strict),
        .target(
            name: "OversightCLI",
            dependencies: [
                "OversightDomain", "OversightStore", "OversightWorkbench", "OversightRuntime",
                "OversightResources", "CursesBackend", "TerminalKit", "OversightPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "oversight", dependencies: ["OversightCLI"], swiftSettings: strict),
        // scripts/bench's concurrent writers and scripts/city-hosts' sessions (BENCHMARKS.md): not shipped, not tested.
        .executableTarget(
            name: "oversight-bench",
            dependencies: [
                "OversightDomain", "OversightStore", "OversightResources", "OversightPostgres", "OversightRuntime",
                "OversightWorkbench", "OversightScreens", "TerminalKit",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/OversightBench",
            swiftSettings: strict
        ),

        .target(
            name: "OversightTestSupport",
            dependencies: ["OversightDomain", "OversightStore", "OversightResources", "OversightWorkbench", "OversightRuntime", "OversightPostgres"],
            path: "Tests/Support",
            swiftSettings: strict
        ),
        .testTarget(
            name: "OversightDomainTests",
            dependencies: [
                "OversightDomain", "OversightResources", "OversightTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OversightStoreTests",
            dependencies: ["OversightStore", "OversightTestSupport"],
            exclude: ["FieldContract"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OversightWorkbenchTests",
            dependencies: ["OversightWorkbench", "OversightStore", "OversightRuntime", "OversightTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"], swiftSettings: strict),
        .testTarget(
            name: "OversightScreensTests",
            dependencies: [
                "OversightScreens", "OversightTestSupport", "OversightRuntime", "OversightStore",
                .product(name: "CustomDump", package: "swift-custom-dump"),
            ],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OversightRuntimeTests",
            dependencies: ["OversightRuntime", "OversightTestSupport", "TerminalKit"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PostgresTests",
            dependencies: ["OversightPostgres", "OversightStore", "OversightTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TerminalKit"], swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["OversightStore", "OversightTestSupport", "OversightPostgres"],
            swiftSettings: strict
        ),
    ]
)
