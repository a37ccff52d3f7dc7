// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The release version: VERSION is the one place it is written.
let version =
  (try? String(contentsOfFile: Context.packageDirectory + "/VERSION", encoding: .utf8))?
  .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"

/// The commit `make dist` builds from (it sets BATON_COMMIT); a plain `swift build` has none.
let commit = Context.environment["BATON_COMMIT"] ?? "unknown"

let package = Package(
  name: "Baton",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "baton", targets: ["baton"]),
    .library(name: "BatonKit", targets: ["BatonKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CGit2",
      pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
    ),
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [
        .apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"]),
      ]
    ),
    .target(
      name: "CBuildInfo",
      cSettings: [
        .define("BATON_VERSION", to: "\"\(version)\""),
        .define("BATON_COMMIT", to: "\"\(commit)\""),
      ]
    ),
    .target(name: "BatonGit", dependencies: ["CGit2"]),
    .target(name: "CMarkdownArena"),
    .target(name: "BatonMarkdown", dependencies: ["CCmarkGFM", "CMarkdownArena"]),
    .target(name: "BatonMustache"),
    .target(
      name: "BatonKit",
      dependencies: [
        "BatonGit",
        "BatonMarkdown",
        "BatonMustache",
        .product(name: "Yams", package: "Yams"),
      ],
      plugins: ["EmbedTheme"]
    ),
    .executableTarget(name: "baton-embed-theme"),
    .plugin(
      name: "EmbedTheme", capability: .buildTool(), dependencies: ["baton-embed-theme"]),
    .executableTarget(
      name: "baton",
      dependencies: [
        "BatonKit",
        "BatonGit",
        "BatonMarkdown",
        "CBuildInfo",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "FlyingFox", package: "FlyingFox"),
      ]
    ),
    .target(
      name: "BatonTestSupport",
      dependencies: ["BatonGit"],
      path: "Tests/BatonTestSupport"
    ),
    .testTarget(name: "BatonGitTests", dependencies: ["BatonGit", "BatonTestSupport"]),
    .testTarget(name: "BatonMarkdownTests", dependencies: ["BatonMarkdown"]),
    .testTarget(name: "BatonMustacheTests", dependencies: ["BatonMustache"]),
    .testTarget(name: "BatonKitTests", dependencies: ["BatonKit", "BatonTestSupport"]),
    .testTarget(
      name: "BatonCLITests",
      dependencies: ["BatonTestSupport"],
    ),
  ]
)
