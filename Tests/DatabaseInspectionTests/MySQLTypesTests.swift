// MySQL/MariaDB column facts without a server: COLUMN_TYPE → HCL type and `unsigned`, COLUMN_DEFAULT → literal or
// sql() as Atlas's specutil.ColumnDefault prints it, EXTRA parsing.
import Testing

@testable import DatabaseInspection

@Suite struct MySQLTypesTests {
  @Test func types() {
    let cases: [(String, ColumnType, Bool?)] = [
      ("tinyint(1)", .named("bool"), nil), ("int(11)", .named("int"), nil), ("bigint(20) unsigned", .named("bigint"), true),
      ("decimal(10,2)", .named("decimal(10,2)"), false), ("decimal(10,0) unsigned", .named("decimal(10)"), true),
      ("float", .named("float"), nil), ("double(10,3)", .named("double(10)"), false), ("int(1) unsigned", .named("bool"), nil),
      ("varchar(255)", .named("varchar(255)"), nil), ("datetime(0)", .named("datetime"), nil),
      ("timestamp(6)", .named("timestamp(6)"), nil), ("year(4)", .named("year(4)"), nil), ("year", .named("year"), nil),
      ("enum('a','b''c')", .named("enum(\"a\",\"b''c\")"), nil), ("set('x')", .named("set(\"x\")"), nil),
      ("bit(1)", .named("bit(1)"), nil), ("uuid", .raw("uuid"), nil), ("vector(3)", .raw("vector"), nil), ("", .raw(""), nil),
    ]
    for (raw, type, unsigned) in cases {
      let result = MySQLTypes.columnType(raw)
      #expect(result.type == type, "\(raw)")
      #expect(result.unsigned == unsigned, "\(raw)")
    }
  }

  @Test func mariaDBDefaults() {
    let none = MySQLTypes.Extra()
    func value(_ raw: String, _ type: String) -> HCLValue? {
      MySQLTypes.defaultValue(raw, type: .named(type), mariaDB: true, extra: none)
    }
    #expect(value("NULL", "int") == nil)
    #expect(value("'it''s'", "varchar(9)") == .string("it's"))
    #expect(value("1", "bool") == .number("1"))
    #expect(value("1.50", "decimal(10,2)") == .number("1.5"))
    #expect(value("b'101'", "bit(3)") == .raw("b'101'"))
    #expect(value("current_timestamp()", "datetime") == .raw("current_timestamp()"))
    #expect(value("1 + 2", "int") == .raw("(1 + 2)"))
    #expect(value("(1) + (2)", "int") == .raw("((1) + (2))"))
  }

  /// The default the SQL writer prints (Atlas's schema.Literal / RawExpr): digits and quoting as the server gave them.
  @Test func sqlDefaults() {
    func maria(_ raw: String, _ type: String) -> DefaultExpression? {
      MySQLTypes.defaultExpression(raw, type: .named(type), mariaDB: true, extra: MySQLTypes.Extra())
    }
    func mysql(_ raw: String, _ type: String, generated: Bool = false) -> DefaultExpression? {
      var extra = MySQLTypes.Extra()
      extra.defaultGenerated = generated
      return MySQLTypes.defaultExpression(raw, type: .named(type), mariaDB: false, extra: extra)
    }
    #expect(maria("NULL", "int") == nil)
    #expect(maria("'it''s'", "varchar(9)") == .literal("'it''s'"))
    #expect(maria("1.50", "decimal(10,2)") == .literal("1.50"))
    #expect(maria("b'101'", "bit(3)") == .literal("b'101'"))
    #expect(maria("current_timestamp()", "datetime") == .expression("(current_timestamp())"))
    #expect(maria("1 + 2", "int") == .expression("(1 + 2)"))
    #expect(mysql("1.50", "decimal(10,2)") == .literal("1.50"))
    #expect(mysql("it's \"x\"", "varchar(9)") == .literal(#""it's \"x\"""#))
    #expect(mysql("0x00", "varbinary(4)") == .literal("0x00"))
    #expect(mysql("CURRENT_TIMESTAMP(6)", "timestamp(6)") == .expression("CURRENT_TIMESTAMP(6)"))
    #expect(mysql("CURRENT_TIMESTAMP", "timestamp", generated: true) == .expression("CURRENT_TIMESTAMP"))
    #expect(mysql("(now() + 1)", "datetime", generated: true) == .expression("(now() + 1)"))
    #expect(mysql("rand()", "double", generated: true) == .expression("(rand())"))
  }

  @Test func mySQLDefaults() {
    var generated = MySQLTypes.Extra()
    generated.defaultGenerated = true
    #expect(MySQLTypes.defaultValue("a\\b'c", type: .named("text"), mariaDB: false, extra: .init()) == .string("a\\b'c"))
    #expect(MySQLTypes.defaultValue("CURRENT_TIMESTAMP", type: .named("timestamp"), mariaDB: false, extra: generated)
      == .raw("CURRENT_TIMESTAMP"))
    #expect(MySQLTypes.defaultValue("concat(_utf8mb4\\'a\\')", type: .named("text"), mariaDB: false, extra: generated)
      == .raw("(concat(_utf8mb4'a'))"))
  }

  @Test func extra() {
    #expect(MySQLTypes.extra("auto_increment").autoIncrement)
    #expect(MySQLTypes.extra("on update current_timestamp(3)").onUpdate == "current_timestamp(3)")
    #expect(MySQLTypes.extra("DEFAULT_GENERATED on update CURRENT_TIMESTAMP").onUpdate == "CURRENT_TIMESTAMP")
    #expect(MySQLTypes.extra("STORED GENERATED").generatedKind == "STORED")
    #expect(MySQLTypes.extra("VIRTUAL GENERATED").generatedKind == "VIRTUAL")
    #expect(MySQLTypes.extra(nil).onUpdate == nil)
  }
}

@Suite struct MySQLServerTests {
  @Test func versionGates() {
    let maria = MySQLInspector.Server(version: "10.11.19-MariaDB-0+deb12u1")
    #expect(maria.mariaDB && maria.checks && maria.generatedColumns && !maria.indexExpressions)
    let mysql8 = MySQLInspector.Server(version: "8.0.36")
    #expect(!mysql8.mariaDB && mysql8.checks && mysql8.indexExpressions)
    let mysql57 = MySQLInspector.Server(version: "5.7.44-log")
    #expect(!mysql57.checks && mysql57.generatedColumns && !mysql57.indexExpressions)
    #expect(!MySQLInspector.Server(version: "").checks)
  }

  @Test func fulltextParser() {
    let statement = "CREATE TABLE `t` (\n  `b` text,\n  FULLTEXT KEY `ft` (`b`) /*!50100 WITH PARSER `ngram` */ ,\n"
      + "  FULLTEXT KEY `plain` (`b`)\n)"
    #expect(MySQLTypes.fulltextParser(statement, index: "ft") == .identifier("ngram"))
    #expect(MySQLTypes.fulltextParser(statement, index: "plain") == nil)
    #expect(MySQLTypes.fulltextParser("", index: "ft") == nil)
  }
}
