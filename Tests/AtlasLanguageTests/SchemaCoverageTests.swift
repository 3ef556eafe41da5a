// The schema as data against Atlas's generated reference (atlas-configs/ariga-docs__hcldoc_config.mdx, a copy of
// https://atlasgo.io/hcl/config): every attribute it documents is known, and our links point at anchors it has.
import AtlasLanguage
import Foundation
import Testing

@Suite struct SchemaCoverageTests {
  static func reference() -> String? {
    let url = AtlasConfigCorpus.directory.appendingPathComponent("ariga-docs__hcldoc_config.mdx")
    guard let data = FileManager.default.contents(atPath: url.path) else {
      Issue.record("missing \(url.path); the atlas-configs corpus must sit beside the package as ../shared")
      return nil
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// The values of `id="…"` and `{#…}` in the reference.
  static func anchors(_ text: String) -> (attributes: [String], all: Set<String>) {
    var attributes: [String] = []
    var all: Set<String> = []
    for line in text.split(separator: "\n") {
      if let range = line.range(of: "td id=\"") {
        let rest = line[range.upperBound...]
        if let end = rest.firstIndex(of: "\"") {
          attributes.append(String(rest[..<end]))
          all.insert(String(rest[..<end]))
        }
      }
      if let range = line.range(of: "{#"), let end = line[range.upperBound...].firstIndex(of: "}") {
        all.insert(String(line[range.upperBound..<end]))
      }
    }
    return (attributes, all)
  }

  /// Resolves `env.lint.naming.check.match`-style paths (with the reference's shorthands for typed blocks).
  static func resolve(_ path: String) -> AttributeSchema? {
    var parts = path.split(separator: ".").map(String.init)
    guard parts.count >= 2, let attribute = parts.popLast() else { return nil }
    var block: BlockSchema?
    switch parts[0] {
    case "data":
      if parts.count == 2, parts[1] == "schema" {
        block = AtlasSchema.dataSource("composite_schema")?.body.block("schema")
      } else {
        block = parts.count == 2 ? AtlasSchema.dataSource(parts[1])?.body : nil
      }
    case "docker", "hook":
      let top = AtlasSchema.topLevelBlock(parts[0])
      // `docker.postgres.image` / `hook.sql.skip_errors` name a label; `docker.build.context` a nested block.
      block = parts.count == 2 ? (top?.block(parts[1]) ?? top) : nil
    default:
      block = AtlasSchema.topLevelBlock(parts[0])
      for part in parts.dropFirst() { block = block?.block(part) }
    }
    return block?.attribute(attribute)
  }

  @Test func everyDocumentedAttributeIsKnown() {
    guard let text = Self.reference() else { return }
    let (attributes, _) = Self.anchors(text)
    #expect(attributes.count > 200)
    var missing: [String] = []
    for path in attributes where Self.resolve(path) == nil { missing.append(path) }
    #expect(missing.isEmpty, "documented but unknown to AtlasSchema: \(missing)")
    print("schema coverage: \(attributes.count - missing.count)/\(attributes.count) attributes of hcl/config known")
  }

  @Test func configLinksPointAtDocumentedAnchors() {
    guard let text = Self.reference() else { return }
    let (_, anchors) = Self.anchors(text)
    // Blocks newer than the 2024 reference: their anchors cannot be checked against it.
    let newer: Set<String> = ["check"]
    var links: [String] = []
    func collect(_ block: BlockSchema) {
      links.append(block.link)
      links += block.attributes.compactMap(\.link)
      block.blocks.forEach(collect)
    }
    AtlasSchema.topLevelBlocks.forEach(collect)
    AtlasSchema.dataSources.map(\.body).forEach(collect)
    let prefix = AtlasSchema.Links.config + "#"
    var broken: Set<String> = []
    for link in links where link.hasPrefix(prefix) {
      let anchor = String(link.dropFirst(prefix.count))
      if !anchors.contains(anchor), !newer.contains(anchor) { broken.insert(anchor) }
    }
    #expect(broken.isEmpty, "links to anchors hcl/config does not have: \(broken.sorted())")
  }

  @Test func everyBlockAttributeAndFunctionIsDocumented() {
    var undocumented: [String] = []
    func visit(_ block: BlockSchema, _ path: String) {
      if block.doc.isEmpty || !block.link.hasPrefix("https://atlasgo.io/") { undocumented.append(path) }
      for attribute in block.attributes where attribute.doc.isEmpty || !(attribute.link ?? block.link).hasPrefix("https://atlasgo.io/") {
        undocumented.append("\(path).\(attribute.name)")
      }
      for nested in block.blocks { visit(nested, "\(path).\(nested.type)") }
    }
    for block in AtlasSchema.topLevelBlocks { visit(block, block.type) }
    for source in AtlasSchema.dataSources { visit(source.body, "data.\(source.type)") }
    for function in AtlasSchema.functions where function.doc.isEmpty || !function.link.hasPrefix("https://atlasgo.io/") {
      undocumented.append("function \(function.name)")
    }
    #expect(undocumented.isEmpty, "\(undocumented)")
    // Reference §5: every function listed there, and none of the ones Atlas lacks.
    let names = Set(AtlasSchema.functions.map(\.name))
    #expect(names.count == AtlasSchema.functions.count, "a function is listed twice")
    #expect(names.isDisjoint(with: AtlasSchema.missingFunctions))
    for name in ["getenv", "file", "fileset", "urlescape", "urlqueryset", "urlsetpath", "urluserinfo", "jsondecode",
                 "toset", "try", "can", "yamlmerge", "setproduct", "zipmap", "formatlist", "regexreplace"] {
      #expect(names.contains(name), "missing function \(name)")
    }
    #expect(AtlasSchema.function("urluserinfo")?.signature == "urluserinfo(url string, user string, ...pass string) string")
  }
}
