import BatonConfig
import BatonDocuments
import BatonGit
import BatonSource

/// Finds the folders of a repository that hold logs and handbooks, from file names alone.
///
/// A log is a run of numbered or date-stamped Markdown files (`0042-slug.md`,
/// `2024-03-01-slug.md`), or of folders named so holding a `README.md` (`1234-slug/README.md`);
/// a folder named as logs are (`adr`, `rfcs`, `text`, `teps` …) needs only one such file.
enum AdoptionFolders {
  /// A folder proposed as a collection.
  struct Candidate: Hashable {
    var path: String
    var name: String
    /// How the kind it is based on lists its documents: a log of records or reports, or pages.
    var listing: KindSchema.Listing
    var layout: Collection.Layout
    var numbered: Bool
  }

  /// Folder names that hold decision logs and proposals.
  static let logNames: Set<String> = [
    "adr", "adrs", "decisions", "decision-records", "architecture-decision-record",
    "architecture-decision-records", "rfcs", "rfc", "text", "proposals", "design", "designs",
    "enhancements", "keps", "teps", "peps", "records",
  ]
  static let updateNames: Set<String> = [
    "updates", "status-updates", "weekly", "weeklies", "standups", "reports",
  ]
  static let handbookNames: Set<String> = [
    "handbook", "guides", "policies", "playbooks", "runbooks", "processes", "wiki",
  ]
  /// Folders whose Markdown is never a handbook's (dependencies, build output).
  static let ignoredFolders: Set<String> = [
    "node_modules", "vendor", "_site", "target", "build", "dist", "third_party",
  ]

  static func isIgnored(_ path: String) -> Bool {
    path.split(separator: "/").dropLast().contains { ignoredFolders.contains(String($0)) }
  }

  /// How a file's name places it in a log.
  enum Entry { case file, folder }

  /// The log entry a path is: a numbered or dated file, or the README of a numbered or dated
  /// folder; nil for anything else.
  static func entry(_ path: String) -> (folder: String, entry: Entry, numbered: Bool)? {
    let parts = path.split(separator: "/").map(String.init)
    guard let name = parts.last else { return nil }
    let lower = name.lowercased()
    if (lower == "readme.md" || lower == "index.md"), parts.count >= 2 {
      let folder = parts[parts.count - 2]
      if let numbered = stamped(folder + ".md") {
        return (parts.dropLast(2).joined(separator: "/"), .folder, numbered)
      }
      return nil
    }
    guard !KindSchema.isNotADocument(path, kind: .decision), let numbered = stamped(name) else {
      return nil
    }
    return (parts.dropLast().joined(separator: "/"), .file, numbered)
  }

  /// Whether a name is numbered (true) or date-stamped (false); nil when it is neither.
  static func stamped(_ name: String) -> Bool? {
    let identifier = DocumentIdentifier(fileName: name)
    if identifier.number != nil { return true }
    let stem = Array(identifier.text.utf8)
    return DocumentIdentifier.datePrefixLength(stem) > 0 ? false : nil
  }

  /// The candidate folders among Markdown paths, outermost first.
  static func find(in paths: [String], root: String) -> [Candidate] {
    var runs: [String: (files: Int, folders: Int, numbered: Int)] = [:]
    for path in paths {
      guard let (found, entry, numbered) = entry(path) else { continue }
      let folder = logAncestor(of: found) ?? found
      var run = runs[folder] ?? (0, 0, 0)
      if entry == .file { run.files += 1 } else { run.folders += 1 }
      if numbered { run.numbered += 1 }
      runs[folder] = run
    }
    var candidates: [Candidate] = []
    for (folder, run) in runs {
      let name = String(folder.split(separator: "/").last ?? "")
      let named = logNames.contains(name.lowercased()) || updateNames.contains(name.lowercased())
      guard run.files + run.folders >= (named ? 1 : 2) else { continue }
      let layout: Collection.Layout = run.folders > run.files ? .folders : .files
      candidates.append(
        Candidate(
          path: folder, name: name, listing: .record, layout: layout,
          numbered: run.numbered * 2 >= run.files + run.folders))
    }
    candidates = collapse(candidates)
    candidates += handbooks(in: paths, root: root, logs: candidates)
    return candidates.map(named).sorted { $0.path < $1.path }
  }

  /// Sibling folders of one log (`keps/sig-a`, `keps/sig-b`) become their parent (`keps`);
  /// siblings that are logs by name (`adr`, `rfcs`) stay apart.
  static func collapse(_ candidates: [Candidate]) -> [Candidate] {
    var result = candidates
    let byParent = Dictionary(grouping: candidates) { parent(of: $0.path) }
    for (parentPath, siblings) in byParent where siblings.count >= 2 && !parentPath.isEmpty {
      guard !siblings.contains(where: { logNames.contains($0.name.lowercased()) }),
        Set(siblings.map(\.layout)).count == 1
      else { continue }
      result.removeAll { parent(of: $0.path) == parentPath }
      var merged = siblings[0]
      merged.path = parentPath
      merged.name = String(parentPath.split(separator: "/").last ?? "")
      merged.numbered = siblings.allSatisfy(\.numbered)
      result.append(merged)
    }
    // A log inside another log's folder is part of it.
    return result.filter { inner in
      !result.contains { $0.path != inner.path && inner.path.hasPrefix($0.path + "/") }
    }
  }

  /// Handbook-like folders (`handbook`, `guides` …) that hold Markdown outside any log.
  static func handbooks(in paths: [String], root: String, logs: [Candidate]) -> [Candidate] {
    var folders = Set<String>()
    for path in paths where !logs.contains(where: { path.hasPrefix($0.path + "/") }) {
      let parts = path.split(separator: "/").map(String.init).dropLast()
      guard let index = parts.firstIndex(where: { handbookNames.contains($0.lowercased()) })
      else { continue }
      folders.insert(parts[...index].joined(separator: "/"))
    }
    return folders.filter { folder in !folders.contains { folder.hasPrefix($0 + "/") } }.map {
      Candidate(
        path: $0, name: String($0.split(separator: "/").last ?? ""), listing: .page,
        layout: .files, numbered: false)
    }
  }

  /// Names a candidate after what it is: generic folder names (`text`, `doc`) by the kind of
  /// log; update logs by their folder name or dated entries.
  static func named(_ candidate: Candidate) -> Candidate {
    var result = candidate
    let lower = candidate.name.lowercased()
    if updateNames.contains(lower) { result.listing = .report }
    switch lower {
    case "text", "rfc": result.name = "rfcs"
    case "", "doc", "docs", "src", "content", "records": result.name = "decisions"
    case "architecture-decision-record", "architecture-decision-records", "decision-records":
      result.name = "decisions"
    default: result.name = lower
    }
    return result
  }

  /// The nearest folder (itself or above) named as logs are: `keps` for `keps/sig-node`.
  static func logAncestor(of folder: String) -> String? {
    var parts = folder.split(separator: "/")
    while let last = parts.last {
      if logNames.contains(last.lowercased()) { return parts.joined(separator: "/") }
      parts.removeLast()
    }
    return nil
  }

  static func parent(of path: String) -> String {
    path.split(separator: "/").dropLast().joined(separator: "/")
  }

  /// The collection's documents among the Markdown files in its folder, and the files that
  /// are not, with why.
  static func documents(of collection: Collection, among paths: [String], numbered: Bool)
    -> ([String], [Adoption.ExcludedFile])
  {
    var documents: [String] = []
    var excluded: [Adoption.ExcludedFile] = []
    let kind: KindSchema = collection.kind == "page" ? .page : .decision
    for path in paths.sorted() {
      let name = (path.split(separator: "/").last ?? "").lowercased()
      if name.hasSuffix(".src.md") {
        excluded.append(.init(path: path, reason: "a source file for another document"))
      } else if collection.layout == .folders {
        if Loader.isDocument(path, in: collection, kind: kind) {
          documents.append(path)
        } else if let folder = parent(of: path).split(separator: "/").last,
          stamped(folder + ".md") != nil
        {
          excluded.append(.init(path: path, reason: "a working file inside a document's folder"))
        }
      } else if KindSchema.isNotADocument(path, kind: kind) {
        continue
      } else if collection.kind != "page", numbered, entry(path)?.numbered != true,
        parent(of: path) == collection.path
      {
        excluded.append(.init(path: path, reason: "not numbered like the log's records"))
      } else {
        documents.append(path)
      }
    }
    return (documents, excluded)
  }

  /// Globs for the excluded files: `*.src.md` for source files, else each file's own path.
  static func excludeGlobs(_ excluded: [Adoption.ExcludedFile], in collection: Collection)
    -> [String]
  {
    var globs: [String] = []
    for file in excluded {
      let name = String(file.path.split(separator: "/").last ?? "")
      if name.lowercased().hasSuffix(".src.md") {
        if !globs.contains("*.src.md") { globs.append("*.src.md") }
      } else if collection.layout == .files {
        globs.append(collection.relative(file.path))
      }
    }
    return globs
  }

  /// The YAML file most document folders hold beside their README (`kep.yaml`), if any.
  static func metaFile(beside documents: [String], repository: Repository) throws -> String? {
    var counts: [String: Int] = [:]
    for document in documents.prefix(50) {
      let folder = parent(of: document)
      for path in try repository.paths(
        in: .workingTree, under: [folder], extensions: ["yaml", "yml"])
      where parent(of: path) == folder {
        counts[String(path.split(separator: "/").last ?? ""), default: 0] += 1
      }
    }
    let sample = min(documents.count, 50)
    return counts.filter { $0.value * 2 > sample }.max { $0.value < $1.value }?.key
  }
}
