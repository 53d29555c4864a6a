// swift-tools-version:6.0
import PackageDescription

// infralab: one target per layer (see Docs/architecture.md), depending one way —
//   InfralabSyntax → InfralabTopology → InfralabNetwork → InfralabLab
//   → InfralabLabStorage → InfralabPresentation → InfralabCLI
// — a thin executable, benchmark executables (infralab-bench and its baseline
// bench-hello) and a test-support target. No dependencies.
let package = Package(
    name: "infralab",
    products: [
        .executable(name: "infralab", targets: ["infralab"]),
        .library(name: "InfralabKit", targets: [
            "InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab",
            "InfralabLabStorage", "InfralabPresentation", "InfralabCLI",
        ]),
    ],
    dependencies: [],
    targets: [
        .target(name: "InfralabSyntax"),
        .target(name: "InfralabTopology", dependencies: ["InfralabSyntax"]),
        .target(name: "InfralabNetwork", dependencies: ["InfralabSyntax", "InfralabTopology"]),
        .target(name: "InfralabLab", dependencies: ["InfralabSyntax", "InfralabTopology", "InfralabNetwork"]),
        .target(name: "InfralabLabStorage", dependencies: ["InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab"]),
        .target(name: "InfralabPresentation", dependencies: [
            "InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab", "InfralabLabStorage",
        ]),
        .target(name: "InfralabCLI", dependencies: [
            "InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab", "InfralabLabStorage",
            "InfralabPresentation",
        ]),
        .executableTarget(name: "infralab", dependencies: ["InfralabCLI"]),
        .executableTarget(name: "infralab-bench", dependencies: [
            "InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab", "InfralabLabStorage", "InfralabCLI",
        ]),
        .executableTarget(name: "bench-hello"),
        .target(name: "InfralabTestSupport", dependencies: ["InfralabSyntax", "InfralabTopology", "InfralabCLI"]),
        .testTarget(
            name: "InfralabKitTests",
            dependencies: [
                "InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab", "InfralabLabStorage",
                "InfralabPresentation", "InfralabCLI", "InfralabTestSupport",
            ]
        ),
    ]
)
