// Where a position is in an atlas.hcl, as the editor features ask it: the blocks around it with their schemas, the
// item of the innermost body it is on, and the reference or function call under it. Made from recovery trees as
// from finished ones, since completion runs on text that is being typed.
import HCLSyntax

struct CursorContext {
  /// A block around the position, with what Atlas accepts in it (nil when the block itself is unknown).
  struct EnclosingBlock {
    let view: BlockView
    let schema: BlockSchema?
    /// For `data "T" "N"`: the data source `T`, whose body `schema` is.
    let dataSource: DataSourceSchema?
    /// Whether the position is inside the braces (not on the header).
    let inBody: Bool
  }

  enum Place {
    /// On the type word of the innermost block.
    case blockType
    /// Inside the label at this index of the innermost block (quotes included).
    case blockLabel(Int)
    /// On the name of an attribute of the innermost body.
    case attributeName(AttributeView)
    /// After the `=` of an attribute of the innermost body, up to the end of its line or value.
    case attributeValue(AttributeView)
    /// In the innermost body (the file's, when `blocks` is empty) but on none of its items: where a new one goes.
    case body
  }

  let offset: Int
  /// Outermost first.
  let blocks: [EnclosingBlock]
  let place: Place
  /// The schema of the attribute the position is on, if the block and the attribute are known.
  let attributeSchema: AttributeSchema?
  /// The reference whose text (root and steps) holds the position, ends included.
  let reference: ProjectModel.Reference?
  /// The innermost function call whose parentheses hold the position, and the argument the position is in (0-based,
  /// by the commas before it).
  let call: (call: ProjectModel.FunctionCall, argument: Int)?

  var innermost: EnclosingBlock? { blocks.last }

  init(_ analysis: AtlasAnalysis, offset: Int) {
    let file = analysis.file
    let views = StructureChecker(file: file)
    self.offset = offset
    var blocks: [EnclosingBlock] = []
    var place = Place.body
    var body: SyntaxNode? = file.root.firstChild(.body)
    // Down through the bodies: at each level, the item whose extent holds the position.
    descent: while let current = body {
      // Views are made only of the items that hold the position: a body of a 1 MiB file has tens of thousands, and
      // making a view of each (their names and labels as strings) cost more than the rest of the lookup.
      let holding = current.nodeChildren.filter {
        ($0.kind == .block || $0.kind == .attribute) && Self.extent(of: $0, in: file).contains(offset)
      }
      let nested = holding.filter { $0.kind == .block }.compactMap(views.blockView)
      let attributes = holding.filter { $0.kind == .attribute }.compactMap(views.attributeView)
      for block in nested {
        let parent = blocks.last
        let (schema, dataSource) = Self.schema(of: block, parent: parent)
        let open = file.directToken(.oBrace, of: block.node)
        let close = file.directToken(.cBrace, of: block.node)
        let inBody = open.map { offset >= $0.end && (close.map { offset <= $0.start } ?? true) } ?? false
        blocks.append(EnclosingBlock(view: block, schema: schema, dataSource: dataSource, inBody: inBody))
        if inBody {
          body = block.body
          place = .body
          // A block whose braces hold no body node yet (`env "x" {}`): the position is in its empty body.
          if block.body == nil { break descent }
          continue descent
        }
        if block.typeRange.start <= offset, offset <= block.typeRange.end {
          place = .blockType
        } else if let index = block.labels.firstIndex(where: { $0.range.start <= offset && offset <= $0.range.end }) {
          place = .blockLabel(index)
        } else {
          place = .blockType
        }
        break descent
      }
      for attribute in attributes {
        let equals = file.directToken(.equal, of: attribute.node)
        if let equals, offset >= equals.end {
          place = .attributeValue(attribute)
        } else {
          place = .attributeName(attribute)
        }
        break descent
      }
      break
    }
    self.blocks = blocks
    self.place = place
    switch place {
    case .attributeName(let attribute), .attributeValue(let attribute):
      attributeSchema = blocks.last?.schema?.attribute(attribute.name)
    default:
      attributeSchema = nil
    }
    reference = Self.reference(at: offset, in: analysis.model)
    var found: (ProjectModel.FunctionCall, Int)?
    for call in analysis.model.functionCalls
    where call.nameRange.end < offset && offset <= Self.reach(of: call, in: file) {
      // Calls are recorded outermost first, so a later match is nested in an earlier one.
      if let previous = found, previous.0.range.start > call.range.start { continue }
      found = (call, Self.argumentIndex(of: call, at: offset, in: file))
    }
    call = found
  }

  /// The innermost reference whose text (root and steps) holds the offset, ends included; alone, for the features
  /// that need no more of the context (navigation).
  static func reference(at offset: Int, in model: ProjectModel) -> ProjectModel.Reference? {
    model.references.last { $0.rootRange.start <= offset && offset <= $0.range(throughSteps: $0.steps.count).end }
  }

  /// What Atlas accepts in a block: a top-level block's schema, a data source's body, or a nested block of its parent.
  static func schema(of block: BlockView, parent: EnclosingBlock?) -> (BlockSchema?, DataSourceSchema?) {
    guard let parent else {
      if block.type == "data", let type = block.labels.first?.text, let source = AtlasSchema.dataSource(type) {
        return (source.body, source)
      }
      return (AtlasSchema.topLevelBlock(block.type), nil)
    }
    return (parent.schema?.block(block.type), nil)
  }

  /// A node's text and the blanks after it up to its line's end: a position after `x = ` (nothing typed yet) is
  /// still on that attribute.
  static func extent(of node: SyntaxNode, in file: ParsedFile) -> ClosedRange<Int> {
    let range = node.range
    var end = range.end
    while end < file.source.count, file.source[end] == UInt8(ascii: " ") || file.source[end] == UInt8(ascii: "\t") {
      end += 1
    }
    return range.start...end
  }

  /// How far a call holds positions: to its closing parenthesis, or, while it has none yet (`upper(x, ` being
  /// typed), over the blanks after its last argument too.
  static func reach(of call: ProjectModel.FunctionCall, in file: ParsedFile) -> Int {
    let end = call.range.end
    guard end > 0, end <= file.source.count, file.source[end - 1] != UInt8(ascii: ")") else { return end }
    var reach = end
    while reach < file.source.count, file.source[reach] == UInt8(ascii: " ") || file.source[reach] == UInt8(ascii: "\t")
    {
      reach += 1
    }
    return reach
  }

  /// The commas of the call's argument list before `offset`, at the list's own level.
  static func argumentIndex(of call: ProjectModel.FunctionCall, at offset: Int, in file: ParsedFile) -> Int {
    var node: SyntaxNode?
    let start = call.nameRange.start
    // The call node is found again from its name: the model keeps ranges, not nodes.
    if let index = file.tokenIndex(at: start) {
      node = file.nodePath(toToken: index).last { $0.kind == .functionCall && $0.range.start == call.range.start }
    }
    guard let arguments = node?.firstChild(.argumentList) else { return 0 }
    var count = 0
    for case .token(let index) in arguments.children {
      let token = file.tokens[Int(index)]
      if token.kind == .comma, token.end <= offset { count += 1 }
    }
    return count
  }
}
