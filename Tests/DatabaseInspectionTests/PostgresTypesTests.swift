// PostgreSQL values as Atlas names them, without a server: literal versus sql("…") defaults, serial defaults,
// interval names, and the splitting of a partition key's expressions.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite struct PostgresTypesTests {
  @Test(arguments: [
    ("1", PostgresTypes.Kind.number, HCLValue.number("1")),
    ("'-1'::integer", .number, .number("-1")),
    ("true", .boolean, .bool(true)),
    ("'unknown'::character varying", .literal, .string("unknown")),
    ("'it''s'::text", .literal, .string("it's")),
    ("'{}'::text[]", .literal, .string("{}")),
    ("'a'::status", .enumeration, .string("a")),
    ("'03:00:00'::interval", .other, .raw("'03:00:00'::interval")),
    ("'100'::\"bit\"", .other, .raw("'100'::\"bit\"")),
    ("now()", .literal, .raw("now()")),
    ("lower('Hello'::text)", .literal, .raw("lower('Hello'::text)")),
  ])
  func defaults(_ text: String, _ kind: PostgresTypes.Kind, _ expected: HCLValue) {
    #expect(PostgresTypes.defaultValue(text, kind: kind) == expected)
  }

  @Test func serialDefaults() {
    #expect(PostgresTypes.isSerialDefault("nextval('users_id_seq'::regclass)"))
    #expect(PostgresTypes.isSerialDefault("nextval('public.users_id_seq'::regclass)"))
    #expect(!PostgresTypes.isSerialDefault("nextval('other'::regclass)"))
    // reNextval: double quotes around either name, at most one schema.
    #expect(PostgresTypes.isSerialDefault(#"nextval('"Mixed_Id_seq"'::regclass)"#))
    #expect(PostgresTypes.isSerialDefault(#"nextval('"S"."T_c_seq"'::regclass)"#))
    #expect(!PostgresTypes.isSerialDefault("nextval('a.b.t_c_seq'::regclass)"))
  }

  /// The hand-written fast paths agree with the patterns they stand in for, on every string of up to four pieces.
  @Test func fastPathsAgreeWithPatterns() {
    func texts(_ pieces: [String]) -> Set<String> {
      var texts: Set<String> = [""]
      for _ in 0..<4 { texts.formUnion(texts.flatMap { text in pieces.map { text + $0 } }) }
      return texts
    }
    for text in texts(["1", "23", ".", "-", "+", "e", "E", "x", " ", "\n", "٣"]) {
      let number = text.range(of: #"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"#, options: .regularExpression) != nil
      #expect(PostgresTypes.isNumber(text) == number, "isNumber(\(text.debugDescription))")
    }
    for text in texts(["nextval(", "NextVal(", "'a_b_seq'", "'ab'", "::regclass", ")", " ", "x", "."]) {
      let serial = text.range(
        of: #"(?i) *nextval\('(?:[0-9A-Za-z_$]+\.)*[0-9A-Za-z_$]+_[0-9A-Za-z_$]+_seq'(?:::regclass)*\) *$"#,
        options: .regularExpression) != nil
      #expect(PostgresTypes.isSerialDefault(text) == serial, "isSerialDefault(\(text.debugDescription))")
    }
  }

  @Test func intervals() {
    #expect(PostgresTypes.intervalType("interval") == "interval")
    #expect(PostgresTypes.intervalType("interval(6)") == "interval")
    #expect(PostgresTypes.intervalType("interval(1)") == "interval(1)")
    #expect(PostgresTypes.intervalType("interval second(1)") == "second(1)")
    #expect(PostgresTypes.intervalType("interval day to second(4)") == "day_to_second(4)")
  }

  @Test func partitionKeys() {
    #expect(
      PostgresTypes.splitExpressions("floor((x)::double precision), (y * 2), lower(',')")
        == ["floor((x)::double precision)", "(y * 2)", "lower(',')"])
    #expect(
      PostgresTypes.partition(attrs: "1 0", strategy: "r", expressions: "(y * 2)", columns: ["1": "x"])
        == Partition(type: "RANGE", parts: [.column("x"), .expression("(y * 2)")]))
    #expect(PostgresTypes.partition(attrs: "0", strategy: "r", expressions: nil, columns: [:]) == nil)
  }

  /// `mayAppendOps` + `IndexOpClass.String` + `postgresop.HasClass`: qualification outside pg_catalog, public and the
  /// inspected schema; parameters joined with ", "; listed names bare, others quoted.
  @Test func operatorClasses() {
    #expect(PostgresTypes.operatorClass("text_pattern_ops", schema: "pg_catalog", parameters: nil) == .identifier("text_pattern_ops"))
    #expect(PostgresTypes.operatorClass("gin_trgm_ops", schema: "public", parameters: nil) == .identifier("gin_trgm_ops"))
    #expect(PostgresTypes.operatorClass("gin_trgm_ops", schema: "ext", parameters: nil) == .string("ext.gin_trgm_ops"))
    #expect(PostgresTypes.operatorClass("gin_trgm_ops", schema: "ext", parameters: nil, scope: "ext") == .identifier("gin_trgm_ops"))
    #expect(PostgresTypes.operatorClass("vector_cosine_ops", schema: "public", parameters: nil) == .string("vector_cosine_ops"))
    #expect(PostgresTypes.operatorClass("x_ops", schema: "pg_catalog", parameters: "{a=1,b=2}") == .raw("x_ops(a=1, b=2)"))
  }

  /// Go's ParseBool/ParseInt as `newIndexStorage` uses them, filtered as `indexStorageParams`.
  @Test func pagePerRange() throws {
    #expect(try PostgresTypes.pagePerRange("{pages_per_range=32}").get() == 32)
    #expect(try PostgresTypes.pagePerRange("{pages_per_range=128}").get() == nil)
    #expect(try PostgresTypes.pagePerRange("{fillfactor=70}").get() == nil)
    #expect(try PostgresTypes.pagePerRange("{autosummarize=true}").get() == 0)
    #expect(throws: PostgresTypes.PagePerRangeError.self) { try PostgresTypes.pagePerRange("{autosummarize=on}").get() }
  }
}
