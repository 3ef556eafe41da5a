// What each value of atlas.hcl's enumerations means (reference §1.8, §4): shown when hovering a value.

extension AtlasSchema {
  /// The meaning of one allowed value of an attribute, when there is something to say beyond its name.
  package static func enumValueDoc(attribute: String, value: String) -> String? {
    enumValueDocs[attribute]?[value]
  }

  private static let enumValueDocs: [String: [String: String]] = [
    "exec_order": [
      "LINEAR": "Files are applied in order; a file older than the last applied one is an error (the default).",
      "LINEAR_SKIP": "Files are applied in order; a file older than the last applied one is skipped.",
      "NON_LINEAR": "Files older than the last applied one are applied too, out of order.",
    ],
    "review": [
      "ALWAYS": "`schema apply` always asks for approval (the default).",
      "WARNING": "`schema apply` asks for approval when the lint finds warnings or errors.",
      "ERROR": "`schema apply` asks for approval only when the lint finds errors.",
    ],
    "format": [
      "atlas": "Atlas's own directory format with an `atlas.sum` file (the default).",
      "golang-migrate": "golang-migrate's `N_name.up.sql` / `N_name.down.sql` files.",
      "goose": "goose's annotated SQL files.",
      "flyway": "Flyway's `V…__name.sql`, `U…` and `R…` files.",
      "liquibase": "Liquibase formatted SQL changelogs.",
      "dbmate": "dbmate's annotated SQL files.",
    ],
  ]
}
