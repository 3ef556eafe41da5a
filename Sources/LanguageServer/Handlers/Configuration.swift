// Settings under the `mercator` section: pulled with `workspace/configuration` after `initialized`, pushed by
// `workspace/didChangeConfiguration`.

/// The settings the server reads. Unknown keys are ignored; a key of the wrong type keeps its default.
package struct ServerSettings: Sendable, Equatable {
  /// `mercator.diagnostics.enable`: when false every document reports no diagnostics.
  package var diagnosticsEnabled = true
  /// `mercator.codeLens.run`: when false the lenses that reach outside the editor (Generate token, Inspect schema,
  /// Test connection) are not shown, and their commands refuse to run.
  package var codeLensRun = true

  package init() {}

  /// Reads the object of the `mercator` section, nested (`{"diagnostics": {"enable": false}}`) or with dotted keys
  /// (`{"diagnostics.enable": false}`), as editors send either.
  package init(section: JSONValue) {
    if let enable = section["diagnostics"]?["enable"]?.boolValue ?? section["diagnostics.enable"]?.boolValue {
      diagnosticsEnabled = enable
    }
    if let run = section["codeLens"]?["run"]?.boolValue ?? section["codeLens.run"]?.boolValue {
      codeLensRun = run
    }
  }
}

extension Server {
  static let configurationSection = "mercator"

  func fetchConfiguration() {
    request("workspace/configuration", ["items": [["section": .string(Self.configurationSection)]]]) { result in
      // Runs on the server's queue.
      switch result {
      case .success(let value):
        guard let first = value.arrayValue?.first else {
          self.log("workspace/configuration answered with no items")
          return
        }
        self.applySettings(first)
      case .failure(let error):
        self.log("workspace/configuration failed: \(error.code) \(error.message)")
      }
    }
  }

  func didChangeConfiguration(params: JSONValue) throws {
    let reader = try ParamsReader(params)
    let settings = reader.object["settings"] ?? .null
    if let section = settings[Self.configurationSection] {
      applySettings(section)
    } else if clientCapabilities.supportsConfiguration {
      // The client sent no settings for us (many send null): ask for them.
      fetchConfiguration()
    }
  }

  /// Stores new settings; when they differ, diagnostics are recomputed.
  func applySettings(_ section: JSONValue) {
    let new = section.isNull ? ServerSettings() : ServerSettings(section: section)
    guard new != settings else { return }
    settings = new
    settingsGeneration += 1
    log("settings changed: diagnostics \(new.diagnosticsEnabled ? "enabled" : "disabled")")
    diagnosticsSettingsChanged()
    refreshCodeLenses()
  }
}
