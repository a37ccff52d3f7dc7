import BatonTestSupport
import Foundation
import Testing

/// Checking nothing, a misspelt folder, kind, rule or handle is said out loud, never passed over.
@Suite(.serialized) struct LoudFailureTests {
  @Test func noCollectionsIsAToolFailure() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("text/0001-summary.md", "# Summary\n\nx\n")
    try fixture.commit("RFC")
    let result = try BatonBinary.run(["check"], in: fixture.path)
    #expect(result.status == 2)
    #expect(
      result.standardError.contains(
        "no collections found: run `baton init` to adopt this repository, or add `collections:` "
          + "to baton.yml"))
  }

  @Test func aMissingCollectionFolderNamesTheClosestOne() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("text/0001-a.md", "---\nstatus: accepted\n---\n# A\n")
    try fixture.write(
      "baton.yml", "title: X\ncollections:\n  rfcs: { path: txt, kind: decision }\n")
    try fixture.commit("RFC")
    let result = try BatonBinary.run(["check"], in: fixture.path)
    #expect(result.status == 2)
    #expect(
      result.standardError.contains(
        "baton.yml:3:17: collection 'rfcs' reads folder 'txt', which does not exist: "
          + "did you mean 'text'?"), "\(result.standardError)")
  }

  @Test func unknownKindsRulesAndHandlesAreSaid() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write(
      "decisions/0001-a.md",
      "---\nstatus: accepted\nowner: '@ada'\n---\n# A\n\n<!-- baton-ignore: broken-links -->\n\n"
        + "## Context\nx\n## Proposal\nx\n")
    try fixture.commit("Log")
    let list = try BatonBinary.run(["list", "memos"], in: fixture.path)
    #expect(list.status == 64)
    #expect(list.standardError.contains("unknown kind 'memos': the kinds here are decision"))
    #expect(try BatonBinary.run(["list", "decisions"], in: fixture.path).status == 0)
    let new = try BatonBinary.run(["new", "memo", "X"], in: fixture.path)
    #expect(new.status == 64)
    let rev = try BatonBinary.run(["new", "decision", "X", "--rev", "main"], in: fixture.path)
    #expect(rev.status == 64)
    #expect(rev.standardError.contains("cannot read '--rev main'"))
    let check = try BatonBinary.run(["check"], in: fixture.path)
    #expect(check.status == 0)
    #expect(
      check.standardError.contains(
        "decisions/0001-a.md:7:1: warning: baton-ignore names 'broken-links', which is no rule"))
    let stranger = try BatonBinary.run(["inbox", "@nobody"], in: fixture.path)
    #expect(stranger.status == 0)
    #expect(stranger.standardError.contains("warning: no one here is '@nobody'"))
    let owner = try BatonBinary.run(["inbox", "@ada"], in: fixture.path)
    #expect(!owner.standardError.contains("no one here"))
  }
}
