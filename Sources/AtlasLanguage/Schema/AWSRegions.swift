// The AWS regions of every partition, for completing `aws_rds_token.region` (RDS runs in all of them).
//
// Facts: ../shared/reference/aws-rds-token.md §7 (botocore 1.43.11 `endpoints.json`/`partitions.json`). The table is
// here, not in AWSAuth, because AtlasLanguage may not import AWSAuth (DESIGN §3) and AWSAuth needs no region list:
// it signs for whatever region it is given.

package struct AWSRegion: Sendable, Hashable {
  /// The region code, e.g. `us-east-1`.
  package var code: String
  /// The name AWS shows in its consoles, e.g. "US East (N. Virginia)".
  package var name: String
  /// The partition, e.g. `aws`, `aws-cn`, `aws-us-gov`.
  package var partition: String
}

extension AtlasSchema {
  /// Partitions in botocore's order, regions sorted by code within each.
  package static let awsRegions: [AWSRegion] = {
    let table: [(partition: String, regions: [(String, String)])] = [
      ("aws", [
        ("af-south-1", "Africa (Cape Town)"),
        ("ap-east-1", "Asia Pacific (Hong Kong)"),
        ("ap-east-2", "Asia Pacific (Taipei)"),
        ("ap-northeast-1", "Asia Pacific (Tokyo)"),
        ("ap-northeast-2", "Asia Pacific (Seoul)"),
        ("ap-northeast-3", "Asia Pacific (Osaka)"),
        ("ap-south-1", "Asia Pacific (Mumbai)"),
        ("ap-south-2", "Asia Pacific (Hyderabad)"),
        ("ap-southeast-1", "Asia Pacific (Singapore)"),
        ("ap-southeast-2", "Asia Pacific (Sydney)"),
        ("ap-southeast-3", "Asia Pacific (Jakarta)"),
        ("ap-southeast-4", "Asia Pacific (Melbourne)"),
        ("ap-southeast-5", "Asia Pacific (Malaysia)"),
        ("ap-southeast-6", "Asia Pacific (New Zealand)"),
        ("ap-southeast-7", "Asia Pacific (Thailand)"),
        ("ca-central-1", "Canada (Central)"),
        ("ca-west-1", "Canada West (Calgary)"),
        ("eu-central-1", "Europe (Frankfurt)"),
        ("eu-central-2", "Europe (Zurich)"),
        ("eu-north-1", "Europe (Stockholm)"),
        ("eu-south-1", "Europe (Milan)"),
        ("eu-south-2", "Europe (Spain)"),
        ("eu-west-1", "Europe (Ireland)"),
        ("eu-west-2", "Europe (London)"),
        ("eu-west-3", "Europe (Paris)"),
        ("il-central-1", "Israel (Tel Aviv)"),
        ("me-central-1", "Middle East (UAE)"),
        ("me-south-1", "Middle East (Bahrain)"),
        ("mx-central-1", "Mexico (Central)"),
        ("sa-east-1", "South America (São Paulo)"),
        ("us-east-1", "US East (N. Virginia)"),
        ("us-east-2", "US East (Ohio)"),
        ("us-west-1", "US West (N. California)"),
        ("us-west-2", "US West (Oregon)"),
      ]),
      ("aws-cn", [("cn-north-1", "China (Beijing)"), ("cn-northwest-1", "China (Ningxia)")]),
      ("aws-us-gov", [("us-gov-east-1", "AWS GovCloud (US-East)"), ("us-gov-west-1", "AWS GovCloud (US-West)")]),
      ("aws-iso", [("us-iso-east-1", "US ISO East"), ("us-iso-west-1", "US ISO West")]),
      ("aws-iso-b", [("us-isob-east-1", "US ISOB East (Ohio)"), ("us-isob-west-1", "US ISOB West")]),
      ("aws-iso-e", [("eu-isoe-west-1", "EU ISOE West")]),
      ("aws-iso-f", [("us-isof-east-1", "US ISOF East"), ("us-isof-south-1", "US ISOF South")]),
      ("aws-eusc", [("eusc-de-east-1", "AWS European Sovereign Cloud (Germany)")]),
    ]
    return table.flatMap { entry in
      entry.regions.map { AWSRegion(code: $0.0, name: $0.1, partition: entry.partition) }
    }
  }()
}
