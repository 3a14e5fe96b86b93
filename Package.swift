// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Convene",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "convene", targets: ["convene"]),
        .library(name: "ConveneCore", targets: ["ConveneCore"]),
        .library(name: "ConveneICal", targets: ["ConveneICal"]),
        .library(name: "ConveneDAV", targets: ["ConveneDAV"]),
        .library(name: "ConveneMail", targets: ["ConveneMail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"])]
        ),
        // The command line's memory allocator (see BENCHMARKS.md, "The allocator").
        .systemLibrary(
            name: "CMimalloc",
            providers: [.apt(["libmimalloc-dev"])]
        ),
        .target(
            name: "ConveneCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "ConveneICal",
            dependencies: ["ConveneCore", "CLibical"]
        ),
        .target(
            name: "ConveneDAV",
            dependencies: ["ConveneCore", "ConveneICal"]
        ),
        .target(
            name: "ConveneMail",
            dependencies: ["ConveneCore", "ConveneICal"]
        ),
        .executableTarget(
            name: "convene",
            dependencies: [
                "ConveneCore", "ConveneICal", "ConveneDAV", "ConveneMail", "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "ConveneBenchSupport", path: "Benchmarks/bench-support"),
        .executableTarget(
            name: "convene-bench",
            dependencies: ["ConveneCore", "ConveneICal", "ConveneBenchSupport"],
            path: "Benchmarks/convene-bench"
        ),
        .executableTarget(name: "convene-fuzz", dependencies: ["ConveneCore", "ConveneICal"], path: "Fuzz/convene-fuzz"),
        .executableTarget(name: "convene-report-bench", dependencies: ["ConveneCore", "ConveneBenchSupport"], path: "Benchmarks/report-bench"),
        .executableTarget(name: "convene-suggest-bench", dependencies: ["ConveneCore", "ConveneBenchSupport"], path: "Benchmarks/suggest-bench"),
        .testTarget(name: "ConveneCoreTests", dependencies: ["ConveneCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ConveneICalTests", dependencies: ["ConveneICal", "ConveneCore", "ConveneBenchSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ConveneDAVTests", dependencies: ["ConveneDAV", "ConveneICal", "ConveneCore"]),
        .testTarget(name: "ConveneMailTests", dependencies: ["ConveneMail", "ConveneCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "conveneTests", dependencies: ["ConveneCore"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
