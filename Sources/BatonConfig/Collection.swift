/// A folder of documents of one kind, as `baton.yml` declares it or as found on its own.
public struct Collection: Sendable, Hashable {
  /// The collection's name in `baton.yml` (`decisions`); used in URLs and lists.
  public var name: String
  /// The folder, relative to the repository's top folder, without a trailing `/`.
  public var path: String
  /// The name of the kind its documents are.
  public var kind: String
  /// The status a document without one has (`default-status:`), shown as coming from the
  /// configuration: every merged RFC is accepted.
  public var defaultStatus: String?
  /// Globs of files that are not documents (`exclude:`), relative to the folder; a glob
  /// without `/` matches a file's name at any depth.
  public var excludes: [String] = []
  /// How documents are laid out: one file each, or one folder each.
  public var layout: Layout = .files
  /// For folder documents, a YAML file beside the document holding its metadata
  /// (`meta-file: kep.yaml`).
  public var metaFile: String?

  /// How a collection's documents are laid out.
  public enum Layout: String, Sendable, Hashable {
    /// `0042-slug.md`: a file per document.
    case files
    /// `0042-slug/README.md` (or `index.md`): a folder per document, named as a file would be;
    /// other Markdown files inside it are working files, not documents.
    case folders
  }

  public init(name: String, path: String, kind: String) {
    self.name = name
    self.path = path
    self.kind = kind
  }

  /// Whether a repository path lies in this collection's folder.
  public func contains(_ repositoryPath: String) -> Bool {
    if path.isEmpty { return true }
    var inside = repositoryPath
    var folder = path
    // Over the strings' own bytes (a walk of their `utf8` views costs tens of instructions a
    // byte, and Load asks this of every document). Names that differ only in their Unicode
    // normalisation (`é` composed or not) are the same to Swift, not in bytes: only ASCII
    // paths are told apart by their bytes alone.
    let byBytes = inside.withUTF8 { inside in
      folder.withUTF8 { folder -> Bool? in
        if inside.count > folder.count, inside[folder.count] == UInt8(ascii: "/"),
          UnsafeBufferPointer(rebasing: inside[..<folder.count]).elementsEqual(folder)
        {
          return true
        }
        let isASCII = !inside.contains { $0 >= 0x80 } && !folder.contains { $0 >= 0x80 }
        return isASCII ? false : nil
      }
    }
    return byBytes ?? repositoryPath.hasPrefix(path + "/")
  }

  /// The path relative to the collection's folder.
  package func relative(_ repositoryPath: String) -> String {
    path.isEmpty ? repositoryPath : String(repositoryPath.dropFirst(path.count + 1))
  }
}
