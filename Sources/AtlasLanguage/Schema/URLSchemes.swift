// The URL schemes atlas.hcl's URL attributes take, and their query parameters (reference §6, §3.1): what completion
// offers inside `url`, `dev`, `src`, `migration.dir` and data source URLs, and what hover says a URL connects to.

package struct URLParameter: Sendable, Hashable {
  package var name: String
  /// The values it takes when they are few and fixed; empty when any text goes.
  package var values: [String]
  package var doc: String

  init(_ name: String, _ values: [String], _ doc: String) {
    self.name = name
    self.values = values
    self.doc = doc
  }

  init(_ name: String, _ doc: String) { self.init(name, [], doc) }
}

package struct URLScheme: Sendable, Hashable {
  /// Which attributes take a scheme: a database URL, a dev database, a schema or migration source, a runtime
  /// variable, a bucket, a web address.
  package enum Use: Sendable, Hashable { case database, devDatabase, source, migrationDirectory, runtimeVariable, bucket, web }

  /// The scheme, without `://`.
  package var name: String
  /// What it connects to, e.g. "PostgreSQL".
  package var title: String
  /// What follows `scheme://` in a typical URL, with `{placeholder}` parts the user fills in (a snippet's tab stops).
  package var template: String
  package var parameters: [URLParameter]
  package var uses: Set<Use>
  package var pro: Bool
  package var doc: String
}

extension AtlasSchema {
  private static let postgresParameters = [
    URLParameter("sslmode", ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"],
                 "Whether and how TLS is used; Atlas's default is `require`. RDS IAM tokens need TLS."),
    URLParameter("search_path", "The schema Atlas works in; without it Atlas manages the whole database."),
    URLParameter("sslrootcert", "The CA certificate file that verifies the server."),
    URLParameter("sslcert", "The client certificate file."),
    URLParameter("sslkey", "The client certificate's key file."),
    URLParameter("connect_timeout", "Seconds to wait for the connection."),
    URLParameter("application_name", "The name the server shows for the connection."),
  ]
  private static let mysqlParameters = [
    URLParameter("tls", ["true", "false", "skip-verify", "preferred"], "Whether and how TLS is used."),
    URLParameter("allowCleartextPasswords", ["true", "false"],
                 "Send the password in clear text (over TLS); needed for RDS IAM and Cloud SQL tokens."),
    URLParameter("charset", "The connection's character set."),
    URLParameter("collation", "The connection's collation."),
    URLParameter("timeout", "How long to wait for the connection, as a Go duration such as `10s`."),
    URLParameter("readTimeout", "The I/O read timeout, as a Go duration."),
    URLParameter("writeTimeout", "The I/O write timeout, as a Go duration."),
  ]
  private static let unixSocketParameters = mysqlParameters + [
    URLParameter("database", "The schema Atlas works in, for a socket URL (which has no path for it)."),
  ]
  private static let sqliteParameters = [
    URLParameter("mode", ["memory", "ro", "rw", "rwc"], "How the database is opened; `memory` for a dev database."),
    URLParameter("cache", ["shared", "private"], "Whether connections share a cache."),
    URLParameter("_fk", ["1", "0"], "Enforce foreign keys."),
  ]
  private static let dockerParameters = [
    URLParameter("search_path", "The schema of the container's database Atlas works in (PostgreSQL)."),
    URLParameter("v", "Show the output of docker (`verbose` does the same)."),
  ]
  private static let runtimeVariableParameters = [
    URLParameter("timeout", "How long to wait for the value, as a Go duration; `10s` by default."),
    URLParameter("decoder", ["string"], "How the value is decoded; Atlas accepts only `string`."),
  ]
  private static let awsRuntimeVariableParameters = runtimeVariableParameters + [
    URLParameter("region", "The AWS region of the parameter or secret."),
    URLParameter("awssdk", ["v1", "v2"], "Which AWS SDK reads it; `profile` needs `v2`."),
    URLParameter("profile", "The AWS profile whose credentials read it."),
  ]
  private static let directoryParameters = [
    URLParameter("format", ["atlas", "golang-migrate", "goose", "flyway", "liquibase", "dbmate"],
                 "The migration directory's format."),
    URLParameter("version", "Replay the migration directory up to this version."),
  ]

  private static func scheme(
    _ name: String, _ title: String, _ template: String, _ parameters: [URLParameter] = [],
    _ uses: Set<URLScheme.Use>, pro: Bool = false, _ doc: String
  ) -> URLScheme {
    URLScheme(name: name, title: title, template: template, parameters: parameters, uses: uses, pro: pro, doc: doc)
  }

  /// Every scheme completion offers, the common ones of each use first.
  package static let urlSchemes: [URLScheme] = [
    scheme("postgres", "PostgreSQL", "{user}:{pass}@{localhost}:{5432}/{database}?sslmode={require}", postgresParameters,
           [.database, .devDatabase, .source], "A PostgreSQL database (CockroachDB is recognised too); `search_path` scopes Atlas to one schema."),
    scheme("postgresql", "PostgreSQL", "{user}:{pass}@{localhost}:{5432}/{database}?sslmode={require}", postgresParameters,
           [.database, .devDatabase, .source], "Same as `postgres://`."),
    scheme("mysql", "MySQL", "{user}:{pass}@{localhost}:{3306}/{schema}", mysqlParameters,
           [.database, .devDatabase, .source], "A MySQL database; the path names the schema Atlas works in (TiDB is recognised too)."),
    scheme("mysql+unix", "MySQL over a Unix socket", "{/var/run/mysqld/mysqld.sock}?database={schema}", unixSocketParameters,
           [.database, .devDatabase], "A MySQL database reached through a Unix socket; `database` names the schema."),
    scheme("maria", "MariaDB", "{user}:{pass}@{localhost}:{3306}/{schema}", mysqlParameters,
           [.database, .devDatabase, .source], "A MariaDB database; the path names the schema Atlas works in."),
    scheme("mariadb", "MariaDB", "{user}:{pass}@{localhost}:{3306}/{schema}", mysqlParameters,
           [.database, .devDatabase, .source], "Same as `maria://`."),
    scheme("maria+unix", "MariaDB over a Unix socket", "{/var/run/mysqld/mysqld.sock}?database={schema}", unixSocketParameters,
           [.database, .devDatabase], "A MariaDB database reached through a Unix socket."),
    scheme("mariadb+unix", "MariaDB over a Unix socket", "{/var/run/mysqld/mysqld.sock}?database={schema}", unixSocketParameters,
           [.database, .devDatabase], "Same as `maria+unix://`."),
    scheme("sqlite", "SQLite", "{file.db}", sqliteParameters, [.database, .devDatabase, .source],
           "A SQLite database file; `sqlite://dev?mode=memory` is an in-memory dev database."),
    scheme("sqlite3", "SQLite", "{file.db}", sqliteParameters, [.database, .devDatabase], "Same as `sqlite://`."),
    scheme("libsql", "libSQL", "{host}", [], [.database], "A libSQL (Turso) database."),
    scheme("libsql+ws", "libSQL over WebSocket", "{host}", [], [.database], "A libSQL database over WebSocket."),
    scheme("libsql+wss", "libSQL over secure WebSocket", "{host}", [], [.database], "A libSQL database over TLS WebSocket."),
    scheme("libsql+file", "libSQL file", "{file.db}", [], [.database], "A local libSQL database file."),
    scheme("docker", "Database in Docker", "{postgres}/{16}/{dev}", dockerParameters, [.devDatabase],
           "A throw-away database in a container Atlas starts: `docker://DRIVER/TAG[/DATABASE]`, DRIVER one of mysql, maria, mariadb, postgres, postgis, pgvector, sqlserver, clickhouse."),
    scheme("docker+postgres", "Custom PostgreSQL image", "{_}/{postgres:16}/{dev}", dockerParameters, [.devDatabase],
           "A dev database from a PostgreSQL image of your choice: `docker+postgres://HOST/IMAGE[:TAG]/DATABASE` (host `_` for none)."),
    scheme("docker+mysql", "Custom MySQL image", "{_}/{mysql:8}/{dev}", dockerParameters, [.devDatabase],
           "A dev database from a MySQL image of your choice."),
    scheme("docker+maria", "Custom MariaDB image", "{_}/{mariadb:11}/{dev}", dockerParameters, [.devDatabase],
           "A dev database from a MariaDB image of your choice."),
    scheme("docker+mariadb", "Custom MariaDB image", "{_}/{mariadb:11}/{dev}", dockerParameters, [.devDatabase],
           "Same as `docker+maria://`."),
    scheme("docker+clickhouse", "Custom ClickHouse image", "{_}/{clickhouse/clickhouse-server}/{dev}", dockerParameters,
           [.devDatabase], "A dev database from a ClickHouse image of your choice."),
    scheme("docker+sqlserver", "Custom SQL Server image", "{_}/{mcr.microsoft.com/mssql/server:2022-latest}/{dev}",
           dockerParameters, [.devDatabase], "A dev database from a SQL Server image of your choice."),
    scheme("sqlserver", "SQL Server", "{user}:{pass}@{localhost}:{1433}?database={master}", [
      URLParameter("database", "The database to connect to."),
      URLParameter("mode", ["schema", "database"], "Whether Atlas works on one schema (default) or the whole database."),
    ], [.database, .devDatabase], pro: true, "A Microsoft SQL Server database (Atlas Pro)."),
    scheme("azuresql", "Azure SQL", "{server}.database.windows.net?database={db}", [
      URLParameter("database", "The database to connect to."),
      URLParameter("mode", ["schema", "database"], "Whether Atlas works on one schema (default) or the whole database."),
      URLParameter("fedauth", ["ActiveDirectoryDefault", "ActiveDirectoryPassword", "ActiveDirectoryMSI"],
                   "How to sign in with Microsoft Entra ID."),
    ], [.database], pro: true, "An Azure SQL database (Atlas Pro)."),
    scheme("clickhouse", "ClickHouse", "{user}:{pass}@{localhost}:{9000}/{database}", [
      URLParameter("secure", ["true", "false"], "Use TLS (the native TLS port is 9440)."),
    ], [.database, .devDatabase], pro: true, "A ClickHouse database (Atlas Pro)."),
    scheme("redshift", "Amazon Redshift", "{user}:{pass}@{cluster}:{5439}/{database}", [
      URLParameter("search_path", "The schema Atlas works in."),
      URLParameter("sslmode", ["disable", "require", "verify-ca", "verify-full"], "Whether and how TLS is used."),
    ], [.database], pro: true, "An Amazon Redshift cluster (Atlas Pro)."),
    scheme("redshift+http", "Redshift Data API", "workgroup({name})/{database}", [
      URLParameter("mode", ["schema", "database"], "Whether Atlas works on one schema (default) or the whole database."),
      URLParameter("timeout", "How long a statement may run; `5m` by default."),
      URLParameter("polling", "How often to poll for results; `50ms` by default."),
    ], [.database], pro: true, "Amazon Redshift through the Data API (Atlas Pro)."),
    scheme("file", "Local files", "{migrations}", directoryParameters, [.source, .migrationDirectory, .runtimeVariable],
           "A file or directory, relative to where Atlas runs: an HCL or SQL schema, or a migration directory."),
    scheme("atlas", "Atlas Registry", "{repo}", [
      URLParameter("version", "The version to read."), URLParameter("tag", "The tag to read."),
    ], [.source, .migrationDirectory], "A schema or migration directory in the Atlas Registry (needs `atlas login`)."),
    scheme("ent", "Ent schema", "{./ent/schema}", [], [.source], pro: true, "An Ent schema package (Atlas Pro)."),
    scheme("awsparamstore", "AWS Parameter Store", "{name}?region={us-east-1}", awsRuntimeVariableParameters,
           [.runtimeVariable], "A parameter of AWS Systems Manager Parameter Store; a hierarchy takes three slashes."),
    scheme("awssecretsmanager", "AWS Secrets Manager", "{name}?region={us-east-1}", awsRuntimeVariableParameters,
           [.runtimeVariable], "A secret of AWS Secrets Manager."),
    scheme("gcpsecretmanager", "Google Secret Manager", "projects/{project}/secrets/{secret}", runtimeVariableParameters,
           [.runtimeVariable], "A secret of Google Cloud Secret Manager."),
    scheme("gcpruntimeconfig", "Google Runtime Configurator", "projects/{project}/configs/{config}/variables/{variable}",
           runtimeVariableParameters, [.runtimeVariable], "A variable of Google Cloud Runtime Configurator."),
    scheme("constant", "Constant", "?val={value}", runtimeVariableParameters, [.runtimeVariable],
           "A constant value, for tests."),
    scheme("hashivault", "HashiCorp Vault", "{path}", runtimeVariableParameters, [.runtimeVariable], pro: true,
           "A secret of HashiCorp Vault, read with `VAULT_ADDR` and `VAULT_TOKEN`; the value is JSON (Atlas Pro)."),
    scheme("http", "HTTP", "{host}/{path}", [], [.runtimeVariable, .web], "An HTTP address."),
    scheme("https", "HTTPS", "{host}/{path}", [], [.runtimeVariable, .web], "An HTTPS address."),
    scheme("s3", "Amazon S3", "{bucket}/{path}", [URLParameter("region", "The bucket's region."), URLParameter("profile", "The AWS profile to use.")],
           [.bucket], "A folder of an S3 bucket."),
    scheme("gs", "Google Cloud Storage", "{bucket}/{path}", [], [.bucket], "A folder of a Cloud Storage bucket."),
    scheme("azblob", "Azure Blob Storage", "{container}/{path}", [], [.bucket], "A folder of an Azure Blob Storage container."),
    // Read by hover only: `env://` names an attribute of the selected env, no URL anyone types into `url`.
    scheme("env", "An attribute of the selected env", "{src}", [], [], "An attribute of the selected env, e.g. `env://src`."),
  ]

  package static func urlScheme(_ name: String) -> URLScheme? { urlSchemesByName[name] }
  private static let urlSchemesByName = table(urlSchemes, by: \.name)

  /// The drivers `docker://DRIVER/…` accepts.
  package static let dockerURLDrivers = ["postgres", "mysql", "maria", "mariadb", "postgis", "pgvector", "sqlserver", "clickhouse"]
}
