// swift-tools-version:6.0
import PackageDescription

// infralab: one library holding every layer (see Docs/architecture.md), a thin
// executable, benchmark executables (infralab-bench and its baseline bench-hello) and a
// test-support target. No dependencies.
let package = Package(
    name: "infralab",
    products: [
        .executable(name: "infralab", targets: ["infralab"]),
        .library(name: "InfralabKit", targets: ["InfralabKit"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "InfralabKit"),
        .executableTarget(name: "infralab", dependencies: ["InfralabKit"]),
        .executableTarget(name: "infralab-bench", dependencies: ["InfralabKit"]),
        .executableTarget(name: "bench-hello"),
        .target(name: "InfralabTestSupport", dependencies: ["InfralabKit"]),
        .testTarget(
            name: "InfralabKitTests",
            dependencies: ["InfralabKit", "InfralabTestSupport"],
            exclude: []
        ),
    ]
)
