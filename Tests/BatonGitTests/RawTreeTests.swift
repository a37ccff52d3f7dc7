import BatonTestSupport
import Foundation
import Testing

@testable import BatonGit

/// `RawTree.differences` against `git diff-tree` (one level, no renames) on the same trees: a
/// folder of hundreds of entries with changes far apart, at both ends, of mode and of type.
@Suite struct RawTreeTests {
  /// One line a difference: name, old mode and id, new mode and id (zeros where absent).
  private func described(_ differences: [(old: RawTree.Entry?, new: RawTree.Entry?)]) -> [String] {
    func side(_ entry: RawTree.Entry?) -> String {
      guard let entry else { return "000000 " + String(repeating: "0", count: 40) }
      let mode = String(entry.mode, radix: 8)
      return String(repeating: "0", count: max(0, 6 - mode.count)) + mode + " " + entry.id.hex
    }
    return differences.map { pair in
      (pair.old?.name ?? pair.new?.name ?? "?") + " " + side(pair.old) + " " + side(pair.new)
    }
  }

  /// What `git diff-tree -z` says, in the same form.
  private func expected(_ fixture: GitFixture, _ old: String, _ new: String) throws -> [String] {
    let fields = try fixture.run(["diff-tree", "-z", "--no-renames", old, new])
      .split(separator: "\0", omittingEmptySubsequences: false)
    return stride(from: 0, to: fields.count - 1, by: 2).map { index in
      let parts = fields[index].dropFirst().split(separator: " ")
      return "\(fields[index + 1]) \(parts[0]) \(parts[2]) \(parts[1]) \(parts[3])"
    }
  }

  @Test func differencesAreGitsForFarApartChanges() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    for number in 0..<300 {
      try fixture.write(String(format: "f-%03d.md", number), "Page \(number)\n")
    }
    try fixture.write("sub/x.md", "x\n")
    try fixture.write("m.md", "a file that becomes a folder\n")
    try fixture.write("m-.md", "sorts between m.md and m.md/ as git sorts\n")
    try fixture.commit("Base")
    try fixture.write("f-010.md", "Page 10, edited\n")
    try fixture.remove("f-100.md")
    try fixture.write("f-150a.md", "New between two\n")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: fixture.path + "/f-200.md")
    try fixture.move("f-250.md", to: "f-250-renamed.md")
    try fixture.remove("m.md")
    try fixture.write("m.md/x.md", "now a folder\n")
    try fixture.write("sub/x.md", "x, edited\n")
    try fixture.write("a.md", "first of all\n")
    try fixture.write("zzz.md", "last of all\n")
    try fixture.write("f-299.md", "Page 299, edited\n")
    try fixture.commit("Changes all over")

    let old = RawTree(bytes: try fixture.runBytes(["cat-file", "tree", "HEAD~1^{tree}"]))
    let new = RawTree(bytes: try fixture.runBytes(["cat-file", "tree", "HEAD^{tree}"]))
    let forward = try expected(fixture, "HEAD~1^{tree}", "HEAD^{tree}")
    #expect(forward.count == 12)
    #expect(described(try RawTree.differences(old: old, new: new)) == forward)
    #expect(
      described(try RawTree.differences(old: new, new: old))
        == (try expected(fixture, "HEAD^{tree}", "HEAD~1^{tree}")))
    #expect(try RawTree.differences(old: new, new: new).isEmpty)
    let entries = try fixture.run(["ls-tree", "HEAD"]).split(separator: "\n").count
    #expect(described(try RawTree.differences(old: RawTree(bytes: []), new: new)).count == entries)
  }
}
