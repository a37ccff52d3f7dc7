// swift-tools-version: 6.0
// Coverage-guided fuzz targets for Baton's readers of untrusted bytes (libFuzzer with the
// address sanitizer). A package of its own so that `swift build` and `swift test` of Baton never
// link libFuzzer; `make fuzz` builds it with the sanitizers (see Fuzz/run.sh).
import PackageDescription

let targets = [
  "fuzz-front-matter", "fuzz-document", "fuzz-configuration", "fuzz-people", "fuzz-search",
  "fuzz-caches",
]

let package = Package(
  name: "BatonFuzz",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "Baton", path: "..")],
  targets: [.target(name: "FuzzSupport")]
    + targets.map { name in
      .executableTarget(
        name: name,
        dependencies: ["FuzzSupport", .product(name: "BatonKit", package: "Baton")],
        path: "Sources/\(name)")
    }
)
