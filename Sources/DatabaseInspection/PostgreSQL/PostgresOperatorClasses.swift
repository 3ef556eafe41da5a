// The operator class names Atlas prints as bare identifiers (`ops = text_pattern_ops`); any other class is a quoted
// string. The list is the set of names in ariga/atlas v1.2.3 sql/postgres/internal/postgresop (`HasClass`): the
// classes of PostgreSQL 15 plus a few common extensions' (pg_trgm, PostGIS), whatever schema they live in.
extension PostgresTypes {
  static let knownOperatorClasses: Set<String> = [
    "aclitem_ops", "array_ops", "bit_minmax_ops", "bit_ops", "bool_ops", "box_inclusion_ops", "box_ops",
    "bpchar_bloom_ops", "bpchar_minmax_ops", "bpchar_ops", "bpchar_pattern_ops", "brin_geography_inclusion_ops",
    "brin_geometry_inclusion_ops_2d", "brin_geometry_inclusion_ops_3d", "brin_geometry_inclusion_ops_4d",
    "btree_geography_ops", "btree_geometry_ops", "bytea_bloom_ops", "bytea_minmax_ops", "bytea_ops",
    "char_bloom_ops", "char_minmax_ops", "char_ops", "cid_ops", "cidr_ops", "circle_ops", "date_bloom_ops",
    "date_minmax_multi_ops", "date_minmax_ops", "date_ops", "enum_ops", "float4_bloom_ops",
    "float4_minmax_multi_ops", "float4_minmax_ops", "float4_ops", "float8_bloom_ops", "float8_minmax_multi_ops",
    "float8_minmax_ops", "float8_ops", "gin_trgm_ops", "gist_geography_ops", "gist_geometry_ops_2d",
    "gist_geometry_ops_3d", "gist_geometry_ops_nd", "gist_trgm_ops", "hash_geometry_ops", "inet_bloom_ops",
    "inet_inclusion_ops", "inet_minmax_multi_ops", "inet_minmax_ops", "inet_ops", "int2_bloom_ops",
    "int2_minmax_multi_ops", "int2_minmax_ops", "int2_ops", "int4_bloom_ops", "int4_minmax_multi_ops",
    "int4_minmax_ops", "int4_ops", "int8_bloom_ops", "int8_minmax_multi_ops", "int8_minmax_ops", "int8_ops",
    "interval_bloom_ops", "interval_minmax_multi_ops", "interval_minmax_ops", "interval_ops", "jsonb_ops",
    "jsonb_path_ops", "kd_point_ops", "macaddr8_bloom_ops", "macaddr8_minmax_multi_ops", "macaddr8_minmax_ops",
    "macaddr8_ops", "macaddr_bloom_ops", "macaddr_minmax_multi_ops", "macaddr_minmax_ops", "macaddr_ops",
    "money_ops", "multirange_ops", "name_bloom_ops", "name_minmax_ops", "name_ops", "numeric_bloom_ops",
    "numeric_minmax_multi_ops", "numeric_minmax_ops", "numeric_ops", "oid_bloom_ops", "oid_minmax_multi_ops",
    "oid_minmax_ops", "oid_ops", "oidvector_ops", "pg_lsn_bloom_ops", "pg_lsn_minmax_multi_ops",
    "pg_lsn_minmax_ops", "pg_lsn_ops", "point_ops", "poly_ops", "quad_point_ops", "range_inclusion_ops",
    "range_ops", "record_image_ops", "record_ops", "spgist_geography_ops_nd", "spgist_geometry_ops_2d",
    "spgist_geometry_ops_3d", "spgist_geometry_ops_nd", "text_bloom_ops", "text_minmax_ops", "text_ops",
    "text_pattern_ops", "tid_bloom_ops", "tid_minmax_multi_ops", "tid_minmax_ops", "tid_ops", "time_bloom_ops",
    "time_minmax_multi_ops", "time_minmax_ops", "time_ops", "timestamp_bloom_ops", "timestamp_minmax_multi_ops",
    "timestamp_minmax_ops", "timestamp_ops", "timestamptz_bloom_ops", "timestamptz_minmax_multi_ops",
    "timestamptz_minmax_ops", "timestamptz_ops", "timetz_bloom_ops", "timetz_minmax_multi_ops", "timetz_minmax_ops",
    "timetz_ops", "tsquery_ops", "tsvector_ops", "uuid_bloom_ops", "uuid_minmax_multi_ops", "uuid_minmax_ops",
    "uuid_ops", "varbit_minmax_ops", "varbit_ops", "varchar_ops", "varchar_pattern_ops", "xid8_ops", "xid_ops",
  ]
}
