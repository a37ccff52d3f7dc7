// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The release version: VERSION is the one place it is written.
let version =
  (try? String(contentsOfFile: Context.packageDirectory + "/VERSION", encoding: .utf8))?
  .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"

/// The commit `make dist` builds from (it sets BATON_COMMIT); a plain `swift build` has none.
let commit = Context.environment["BATON_COMMIT"] ?? "unknown"

/// The stages of the flow, each a target importing only the ones before it, so that an import
/// reaching back up the flow does not compile (`make test` builds with
/// `--explicit-target-dependency-import-check error`, so a sibling cannot be imported undeclared).
let stages = [
  "BatonSupport", "BatonConfig", "BatonDocuments", "BatonSource", "BatonCorpus", "BatonChecks",
  "BatonSearch", "BatonReport", "BatonSite", "BatonAdoption",
]

let package = Package(
  name: "Baton",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "baton", targets: ["baton"]),
    .library(name: "BatonKit", targets: stages),
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
    // jemalloc in place of glibc's malloc (Sources/CAllocator/include/allocator.h).
    .target(
      name: "CAllocator",
      linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
    ),
    .target(name: "BatonGit", dependencies: ["CGit2"]),
    .target(name: "CMarkdownArena"),
    .target(name: "BatonMustache"),
    // Markdown's HTML escapes text with the templates' escaper: one escaper for the site's HTML.
    .target(name: "BatonMarkdown", dependencies: ["CCmarkGFM", "CMarkdownArena", "BatonMustache"]),
    // The stages, in the order of the flow: each imports only stages before it (see `stages`).
    .target(
      name: "BatonSupport",
      dependencies: ["BatonGit", .product(name: "Yams", package: "Yams")]),
    .target(name: "BatonConfig", dependencies: ["BatonSupport"]),
    .target(
      name: "BatonDocuments",
      dependencies: ["BatonGit", "BatonSupport", "BatonConfig", "BatonMarkdown"]),
    .target(
      name: "BatonSource",
      dependencies: ["BatonGit", "BatonSupport", "BatonConfig", "BatonDocuments"]),
    .target(
      name: "BatonCorpus",
      dependencies: ["BatonGit", "BatonSupport", "BatonConfig", "BatonDocuments", "BatonSource"]),
    .target(
      name: "BatonChecks",
      dependencies: [
        "BatonMarkdown", "BatonSupport", "BatonConfig", "BatonDocuments", "BatonSource",
        "BatonCorpus",
      ]),
    .target(
      name: "BatonSearch",
      dependencies: [
        "BatonGit", "BatonMarkdown", "BatonSupport", "BatonConfig", "BatonDocuments",
        "BatonCorpus",
      ]),
    .target(
      name: "BatonReport",
      dependencies: [
        "BatonGit", "BatonSupport", "BatonConfig", "BatonDocuments", "BatonSource", "BatonCorpus",
        "BatonChecks", "BatonMustache",
      ]),
    .target(
      name: "BatonSite",
      dependencies: [
        "BatonGit", "BatonMarkdown", "BatonSupport", "BatonConfig", "BatonDocuments",
        "BatonSource", "BatonCorpus", "BatonSearch", "BatonReport", "BatonMustache",
      ],
      plugins: ["EmbedTheme"]),
    .target(
      name: "BatonAdoption",
      dependencies: [
        "BatonGit", "BatonSupport", "BatonConfig", "BatonDocuments", "BatonSource", "BatonCorpus",
        "BatonChecks", "BatonReport",
      ]),
    .executableTarget(name: "baton-embed-theme"),
    .plugin(
      name: "EmbedTheme", capability: .buildTool(), dependencies: ["baton-embed-theme"]),
    .executableTarget(
      name: "baton",
      dependencies: stages.map { .target(name: $0) } + [
        "BatonGit",
        "BatonMarkdown",
        "BatonMustache",
        "CAllocator",
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
    .testTarget(
      name: "BatonKitTests",
      dependencies: stages.map { .target(name: $0) } + ["BatonTestSupport"]),
    .testTarget(
      name: "BatonCLITests",
      dependencies: ["BatonTestSupport"],
    ),
  ]
)
