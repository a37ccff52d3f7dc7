import Foundation

extension WebDriver {
  /// WebDriver's code of the Tab key.
  static let tab = "\u{E004}"
  /// WebDriver's code of the Enter key.
  static let enter = "\u{E007}"

  /// Presses and releases a key, as a person at the keyboard does.
  func press(_ key: String) async throws {
    let actions: [[String: Any]] = [
      ["type": "keyDown", "value": key], ["type": "keyUp", "value": key],
    ]
    try await request(
      "POST", "/session/\(session)/actions",
      ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
    try await request("DELETE", "/session/\(session)/actions")
  }

  /// Emulates `prefers-color-scheme` (`light` or `dark`) through Chromium's DevTools protocol.
  func emulateColorScheme(_ scheme: String) async throws {
    try await request(
      "POST", "/session/\(session)/goog/cdp/execute",
      [
        "cmd": "Emulation.setEmulatedMedia",
        "params": ["features": [["name": "prefers-color-scheme", "value": scheme]]],
      ])
  }
}
