// swift-tools-version:6.0
import PackageDescription

// infralab: one target per layer (see Docs/architecture.md), depending one way —
//   InfralabSyntax → InfralabTopology → InfralabNetwork → InfralabLab
//   → InfralabLabStorage → InfralabPresentation → InfralabCLI
// — a thin executable, benchmark executables (infralab-bench and its baseline
// bench-hello) and a test-support target. No dependencies.
//
// A release build links the Swift runtime and Foundation into the executables
// (`-static-stdlib`, the same as `swift build --static-swift-stdlib`): dynamic linking
// was a third of `infralab check`'s start-up, and the binary then runs where no Swift
// runtime is installed (Gradescope). Debug builds and tests link dynamically. The flag
// must reach the compiler too (it picks the static modules' link lists), so every
// non-test target carries it. bench-hello stays a plain, dynamic Foundation hello-world:
// the baseline the start-up is measured against.
let releaseStatic: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
let releaseStaticLink: [LinkerSetting] = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]

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
        .target(name: "InfralabSyntax", swiftSettings: releaseStatic),
        .target(name: "InfralabTopology", dependencies: ["InfralabSyntax"], swiftSettings: releaseStatic),
        .target(name: "InfralabNetwork", dependencies: ["InfralabSyntax", "InfralabTopology"], swiftSettings: releaseStatic),
        .target(name: "InfralabLab", dependencies: ["InfralabSyntax", "InfralabTopology", "InfralabNetwork"], swiftSettings: releaseStatic),
        .target(name: "InfralabLabStorage", dependencies: ["InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab"], swiftSettings: releaseStatic),
        .target(name: "InfralabPresentation", dependencies: [
            "InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab", "InfralabLabStorage",
        ], swiftSettings: releaseStatic),
        .target(name: "InfralabCLI", dependencies: [
            "InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab", "InfralabLabStorage",
            "InfralabPresentation",
        ], swiftSettings: releaseStatic),
        .executableTarget(name: "infralab", dependencies: ["InfralabCLI"], swiftSettings: releaseStatic, linkerSettings: releaseStaticLink),
        .executableTarget(name: "infralab-bench", dependencies: [
            "InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab", "InfralabLabStorage", "InfralabCLI",
        ], swiftSettings: releaseStatic, linkerSettings: releaseStaticLink),
        // The in-process fuzz harness (Tests/Fuzz/README.md): a tool, not part of the product.
        .executableTarget(name: "infralab-fuzz", dependencies: [
            "InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab", "InfralabLabStorage", "InfralabPresentation",
            "InfralabCLI", "InfralabTestSupport",
        ], swiftSettings: releaseStatic, linkerSettings: releaseStaticLink),
        .executableTarget(name: "bench-hello"),
        .target(name: "InfralabTestSupport", dependencies: ["InfralabSyntax", "InfralabTopology", "InfralabCLI"], swiftSettings: releaseStatic),
        .testTarget(
            name: "InfralabKitTests",
            dependencies: [
                "InfralabSyntax", "InfralabTopology", "InfralabNetwork", "InfralabLab", "InfralabLabStorage",
                "InfralabPresentation", "InfralabCLI", "InfralabTestSupport",
            ]
        ),
    ]
)
