import BatonConfig
import BatonCorpus
import BatonSource

extension RuleExample {
  /// The example's files as a corpus.
  public func corpus() throws(ConfigurationError) -> Corpus {
    try LoadedSource.inMemory(files: files, people: people, onBase: onBase).parse().assemble()
  }
}
