import BatonGit
import BatonTestSupport
import Foundation
import Testing

/// Reads of a working tree that another process changes while Baton reads it.
@Suite struct RacedReadTests {
  @Test func aFileSwappedForALinkOutsideIsNeverRead() throws {
    let fixture = try GitFixture()
    try fixture.write("decisions/0001-a.md", "# A\n")
    try fixture.write("decisions/0002-swapped.md", "# Plain\n")
    try fixture.commit("Add")
    let secret = try Churn.secretFile()
    defer { try? FileManager.default.removeItem(atPath: secret.path) }
    let repository = try Repository(path: fixture.path)
    let churn = Churn.swapping(
      fixture.path + "/decisions/0002-swapped.md", linkTo: secret.path, text: "# Plain\n")
    defer { churn.stop() }
    var leaks = 0
    var outside = 0
    for _ in 0..<400 {
      let files = try repository.files(
        in: .workingTree, under: ["decisions"], extensions: ["md"], maxBytes: 1 << 20)
      for file in files {
        if let bytes = file.contents, String(decoding: bytes, as: UTF8.self).contains("SECRET") {
          leaks += 1
        }
        if case .symlinkOutsideRepository = file.problem { outside += 1 }
      }
      if let file = try repository.file(
        in: .workingTree, at: "decisions/0002-swapped.md", maxBytes: 1 << 20),
        let bytes = file.contents, String(decoding: bytes, as: UTF8.self).contains("SECRET")
      {
        leaks += 1
      }
    }
    #expect(leaks == 0)
    #expect(outside > 0)
  }

  @Test func aFolderSwappedForALinkOutsideIsNeverRead() throws {
    let fixture = try GitFixture()
    try fixture.write("decisions/sub/0001-a.md", "# A\n")
    try fixture.commit("Add")
    let secret = try Churn.secretFile()
    let outsideFolder = secret.path + "-folder"
    try FileManager.default.createDirectory(
      atPath: outsideFolder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: secret.path, toPath: outsideFolder + "/0001-a.md")
    defer {
      try? FileManager.default.removeItem(atPath: secret.path)
      try? FileManager.default.removeItem(atPath: outsideFolder)
    }
    // `decisions/sub` becomes a link to a folder outside holding a file of the same name.
    try FileManager.default.removeItem(atPath: fixture.path + "/decisions/sub")
    try FileManager.default.createSymbolicLink(
      atPath: fixture.path + "/decisions/sub", withDestinationPath: outsideFolder)
    let repository = try Repository(path: fixture.path)
    let file = try repository.file(
      in: .workingTree, at: "decisions/sub/0001-a.md", maxBytes: 1 << 20)
    #expect(file?.contents == nil)
    #expect(file?.problem == .symlinkOutsideRepository(target: outsideFolder))
  }

  @Test func filesThatVanishOrChangeKindAreProblemsNotFailures() throws {
    let fixture = try GitFixture()
    for number in 1...200 {
      try fixture.write("decisions/\(1000 + number)-a.md", "# \(number)\n")
    }
    try fixture.commit("Add")
    let repository = try Repository(path: fixture.path)
    let churn = Churn.vanishing(
      in: fixture.path + "/decisions", first: 1001, count: 200, text: "# back\n")
    defer { churn.stop() }
    for _ in 0..<40 {
      let files = try repository.files(
        in: .workingTree, under: ["decisions"], extensions: ["md"], maxBytes: 1 << 20)
      // Caught while it was a folder, a file is not a regular file: also a problem of its own.
      for file in files where file.contents == nil && file.problem != .notAFile {
        guard case .unreadable(let reason) = file.problem else {
          Issue.record("\(file.path): \(String(describing: file.problem))")
          continue
        }
        #expect(
          reason == "the file was removed while baton was reading it"
            || reason == "no such file or directory",
          "\(reason)")
      }
    }
  }

  @Test func linkLoopsBrokenLinksAndForeignNamesSayWhatIsTrue() throws {
    let fixture = try GitFixture()
    try fixture.write("decisions/0001-a.md", "# A\n")
    try fixture.symlink("decisions/0002-loop.md", to: "0003-loop.md")
    try fixture.symlink("decisions/0003-loop.md", to: "0002-loop.md")
    try fixture.symlink("decisions/0004-self.md", to: "0004-self.md")
    try fixture.symlink("decisions/0005-broken.md", to: "gone.md")
    // `0006-résumé.md` with the é in Latin-1: not UTF-8.
    let name: [UInt8] =
      Array((fixture.path + "/decisions/0006-r").utf8) + [0xE9] + Array("sum.md".utf8) + [0]
    let descriptor = name.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        chars.baseAddress.map { open($0, O_CREAT | O_WRONLY, 0o644) } ?? -1
      }
    }
    #expect(descriptor >= 0)
    close(descriptor)
    // A folder `caf\xE9/` (Latin-1 too) holding a document: said, not skipped in silence.
    let folder: [UInt8] = Array((fixture.path + "/decisions/caf").utf8) + [0xE9, 0]
    let made = folder.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        chars.baseAddress.map { mkdir($0, 0o755) } ?? -1
      }
    }
    #expect(made == 0)
    let repository = try Repository(path: fixture.path)
    let files = try repository.files(
      in: .workingTree, under: ["decisions"], extensions: ["md"], maxBytes: 1 << 20)
    let problems = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.problem) })
    let loop = RepositoryFile.Problem.unreadable(
      "symbolic link loop: its links lead back to themselves")
    #expect(problems["decisions/0002-loop.md"] == loop)
    #expect(problems["decisions/0004-self.md"] == loop)
    #expect(
      problems["decisions/0005-broken.md"]
        == .unreadable("broken symbolic link to 'gone.md': its target does not exist"))
    #expect(
      problems["decisions/0006-r\u{FFFD}sum.md"]
        == .unreadable("the file's name is not valid UTF-8: rename it"))
    #expect(
      problems["decisions/caf\u{FFFD}"]
        == .unreadable("the folder's name is not valid UTF-8: rename it, its files are not read"))
  }
}
