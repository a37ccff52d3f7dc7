import Foundation
import PackagePlugin

/// Compiles the default theme (`templates/` at the package root) into BatonSite as string literals.
@main
struct EmbedTheme: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let templates = context.package.directoryURL.appending(path: "templates")
    var inputs: [URL] = []
    if let enumerator = FileManager.default.enumerator(
      at: templates, includingPropertiesForKeys: [.isRegularFileKey])
    {
      for case let url as URL in enumerator {
        let values = try? url.resourceValues(forKeys: [.isRegularFileKey])
        if values?.isRegularFile == true { inputs.append(url) }
      }
    }
    inputs.sort { $0.path < $1.path }
    let output = context.pluginWorkDirectoryURL.appending(path: "DefaultTheme+Files.swift")
    return [
      .buildCommand(
        displayName: "Embedding the default theme",
        executable: try context.tool(named: "baton-embed-theme").url,
        arguments: [templates.path, output.path],
        inputFiles: inputs + [templates],
        outputFiles: [output])
    ]
  }
}
