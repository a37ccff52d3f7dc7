import BatonSource
import BatonSupport

extension ParsedSource {
  /// Assembles the corpus: indexes, link graph, people, history and facts about the repository.
  public func assemble() -> Corpus {
    // Each document's history is assembled on another thread while the indexes are made.
    let (documents, loaded) = (self.documents, self.loaded)
    let history = loaded.history.map { history in
      Background {
        DocumentHistory.assemble(documents: documents, history: history, loaded: loaded)
      }
    }
    let facts = RepositoryFacts(
      commit: (loaded.commit ?? loaded.head)?.hex, isWorkingTree: loaded.commit == nil,
      isShallow: loaded.isShallow, notes: loaded.notes, hasHistory: loaded.history != nil,
      walkedCommits: loaded.history?.walkedCommits ?? 0, scope: loaded.scope)
    return Corpus(
      configuration: loaded.configuration, documents: documents, people: people,
      filePaths: loaded.filePaths, sourceDiagnostics: diagnostics, repository: facts,
      history: { history?.value ?? [:] })
  }
}
