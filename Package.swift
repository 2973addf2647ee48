// swift-tools-version:6.0
// MIMISim: a discrete-event simulator and load-testing framework for MIMI federations.
import PackageDescription

let package = Package(
    name: "mimisim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mimisim", targets: ["mimisim"]),
        .library(name: "MLSCrypto", targets: ["MLSCrypto"]),
        .library(name: "MLS", targets: ["MLS"]),
        .library(name: "MIMI", targets: ["MIMI"]),
        .library(name: "Simulator", targets: ["Simulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Live mode: HTTPS servers, mutual TLS, a run-local CA, provider-to-provider calls.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries (layer 0).
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd",
                       providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]),
        // Crypto primitives, HPKE, the operation meter (layer 1).
        .target(name: "MLSCrypto", dependencies: ["COpenSSL"], exclude: ["README.md"]),
        // RFC 9420 MLS (layer 2).
        .target(name: "MLS", dependencies: ["MLSCrypto"], exclude: ["README.md"]),
        // MIMI protocol: wire types, room policy, content format (CBOR), sans-IO provider and client (layer 3).
        .target(name: "MIMI", dependencies: ["MLS", "MLSCrypto"], exclude: ["README.md"]),
        // Discrete-event engine and virtual network (independent of MLS).
        .target(name: "Simulator", exclude: ["README.md"]),
        // HdrHistogram recorders, results (summary.json, CSV), the HTML+SVG report, compare.
        .target(name: "Metrics", dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")], exclude: ["README.md"]),
        // Topology and workload files.
        .target(name: "Scenario", dependencies: ["Simulator", "CZstd", "Yams"], exclude: ["README.md"]),
        // The workload logic both drivers share: room plan, actions on the membership, metric tracking, end checks.
        .target(name: "Playback", dependencies: ["Scenario", "MIMI", "MLSCrypto", "Metrics"], exclude: ["README.md"]),
        // The simulation driver: MIMI providers and clients on the virtual network, workloads, metrics.
        .target(name: "Simulation", dependencies: ["Simulator", "Scenario", "MIMI", "MLS", "MLSCrypto", "Metrics", "Playback"], exclude: ["README.md"]),
        // Live mode: one HTTPS server per provider (mutual TLS), clients over our client API, the same workloads.
        .target(name: "Live", dependencies: [
            "MIMI", "MLS", "MLSCrypto", "Scenario", "Metrics", "Playback",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["README.md"]),
        // Official test vectors as data: one runner for the tests and `mimisim vectors`.
        .target(name: "Vectors", dependencies: ["MLS", "MLSCrypto", "MIMI"], exclude: ["README.md"]),
        // The command-line tool.
        .executableTarget(name: "mimisim", dependencies: [
            "MLSCrypto", "MLS", "MIMI", "Vectors", "Simulator", "Scenario", "Metrics", "Simulation", "Live", "COpenSSL",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["README.md"]),
        .testTarget(name: "MLSCryptoTests", dependencies: ["MLSCrypto"]),
        .testTarget(name: "MLSTests", dependencies: ["MLS", "MLSCrypto"]),
        .testTarget(name: "MIMITests", dependencies: ["MIMI", "MLS", "MLSCrypto"]),
        .testTarget(name: "VectorsTests", dependencies: ["Vectors"]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Scenario", "Metrics"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "Simulator"]),
        .testTarget(name: "LiveTests", dependencies: [
            "Live", "MIMI", "MLS", "MLSCrypto", "Scenario", "Metrics", "Playback",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
