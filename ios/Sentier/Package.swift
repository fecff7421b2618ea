// swift-tools-version:5.9
// The Swift package of Sentier's core: the XCFramework that
// ../build-xcframework.sh builds, the Swift bindings UniFFI generates for it
// (SentierFFI, not committed), and Sentier, the idiomatic layer the app uses
// (async/await and AsyncStream over the core's handles and listeners).
import PackageDescription

let package = Package(
    name: "Sentier",
    defaultLocalization: "en",
    platforms: [.iOS(.v17)],
    products: [
        .library(name: "Sentier", targets: ["Sentier"]),
    ],
    targets: [
        .binaryTarget(name: "SentierCoreRS", path: "SentierCoreRS.xcframework"),
        .target(
            name: "SentierFFI",
            dependencies: ["SentierCoreRS"],
            path: "Sources/SentierFFI",
            linkerSettings: [.linkedFramework("Security")]
        ),
        .target(name: "Sentier", dependencies: ["SentierFFI"], path: "Sources/Sentier"),
        .testTarget(name: "SentierTests", dependencies: ["Sentier"], path: "Tests/SentierTests"),
    ]
)
