import BatonSite
import BatonSource
import BatonTestSupport
import Foundation
import Testing

/// A small handbook in a real git repository: decisions with a supersede chain, an update, a
/// handbook tree, people, an image, and links between them.
enum SiteFixture {
  static func make(extra: [String: String] = [:]) throws -> GitFixture {
    let git = try GitFixture()
    try git.write(
      "baton.yml",
      """
      title: Acme handbook
      repository: https://github.com/acme/handbook
      collections:
        decisions: { path: decisions, kind: decision }
        updates: { path: updates, kind: update }
        handbook: { path: handbook, kind: page }
      people: people.yml

      """)
    try git.write(
      "people.yml",
      """
      - handle: ada
        name: Ada Lovelace
        team: platform
        timezone: Europe/London
      - handle: bob
        name: Bob Builder
        team: platform

      """)
    try git.write(
      "decisions/0001-use-mysql.md",
      """
      ---
      status: superseded
      owner: "@ada"
      date: 2024-01-02
      superseded-by: "0002"
      tags: [database]
      ---
      # Use MySQL

      ## Context

      We need a database.

      ## Proposal

      Use MySQL.

      """)
    try git.write(
      "decisions/0002-use-postgres.md",
      """
      ---
      status: proposed
      owner: "@ada"
      date: 2024-02-03
      supersedes: "0001"
      respond-by: 2024-03-01
      tags: [database, infra]
      ---
      # Use Postgres

      ## Context

      See [the old decision](0001-use-mysql.md#context) and ![diagram](img/diagram.png).

      ## Proposal

      | a | b |
      |:--|--:|
      | 1 | 2 |

      ## Call to Action

      @bob please review by 2024-03-01.

      """)
    try git.write("decisions/img/diagram.png", bytes: [0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
    try git.write(
      "updates/2024-02-10-sprint.md",
      """
      ---
      author: "@bob"
      date: 2024-02-10
      team: platform
      status: on-track
      ---
      # Sprint report

      ## Summary

      Moving to [Postgres](../decisions/0002-use-postgres.md).

      ## Progress

      Done.

      ## Blockers

      None.

      ## Next Steps

      More.

      """)
    try git.write(
      "handbook/README.md",
      """
      ---
      owner: "@ada"
      ---
      # Handbook

      ## Summary

      Start here.

      """)
    try git.write(
      "handbook/security/passwords.md",
      """
      ---
      owner: "@bob"
      order: 1
      review-by: 2024-06-01
      ---
      # Passwords

      ## Summary

      Use a manager.

      ## Rules

      ### Length

      Long.

      """)
    for (path, text) in extra { try git.write(path, text) }
    // As `baton init` writes it: a build refuses an output folder holding files git tracks.
    try git.write(".gitignore", "_site/\n.baton/\n")
    _ = try git.commit("Add handbook")
    return git
  }

  /// The whole site of `git`'s working tree, with each document's history when `history`.
  static func render(_ git: GitFixture, baseURL: String? = nil, history: Bool = false) throws
    -> RenderedSite
  {
    try SiteBuilder.render(
      SourceOptions(
        repositoryPath: git.path, startDirectory: git.path, includeHistory: history),
      options: SiteOptions(baseURL: baseURL)
    ).site
  }

  static func text(_ site: RenderedSite, _ path: String) -> String {
    site.file(path).map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
  }

  /// Edits of `decisions/0002-use-postgres.md` that change what another page, a feed or the
  /// layout shows of it (what, old text, new text): each must render every page.
  static let faceEdits: [(String, String, String)] = [
    ("the summary", "## Context\n\nSee [the old", "## Context\n\nNow see [the old"),
    ("the title", "# Use Postgres", "# Use Postgres 16"),
    ("a link", "## Proposal\n", "## Proposal\n\nLike [the tree](../handbook/README.md).\n"),
    ("the call to action", "@bob please review", "@ada please review"),
    ("a field", "date: 2024-02-03", "date: 2024-02-04"),
    (
      "a response", "@bob please review by 2024-03-01.\n",
      "@bob please review by 2024-03-01.\n\n## Responses\n\n- @bob: approve\n"
    ),
  ]

  /// Every file under a folder, by path relative to it.
  static func files(in folder: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for path in try #require(FileManager.default.subpaths(atPath: folder)) {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        files[path] = FileManager.default.contents(atPath: folder + "/" + path)
      }
    }
    return files
  }
}
