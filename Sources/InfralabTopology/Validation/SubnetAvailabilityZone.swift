import InfralabSyntax

/// Rule 25: a subnet lies in one availability zone — one that exists, in its VPC's
/// region (`ap-northeast-2c` in an `ap-northeast-2` VPC; not `us-east-1c`, not a typo).
package enum SubnetAvailabilityZone: TopologyRule {
    package static let description = RuleDescription(
        id: "subnet-az-region", severity: .error,
        summary: LocalizedText(en: "A subnet's availability zone exists and belongs to its VPC's region.",
                               ko: "서브넷의 가용 영역은 실제로 있는 것이어야 하고, VPC와 같은 리전에 있어야 해요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, region: ap-northeast-2 }
            subnets:
              a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              c: { vpc: main, cidr: 10.0.2.0/24, az: ↓ap-northest-2c }
              e: { vpc: main, cidr: 10.0.3.0/24, az: ↓us-east-1c }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, region: ap-northeast-2 }
            subnets:
              a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              c: { vpc: main, cidr: 10.0.2.0/24, az: ap-northeast-2c }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        var regionOfVPC: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for vpc in context.topology.vpcs {
            guard let region = vpc.region else { continue }
            if AWSRegions.zones[region.value] != nil { regionOfVPC[vpc.name] = region.value; continue }
            // An unknown region is said once, on the region; its subnets' zones are not judged.
            regionOfVPC[vpc.name] = ""
            diagnostics.append(description.diagnostic(
                LocalizedText(en: "`\(region.value)` is not an AWS region infralab knows (Seoul is `ap-northeast-2`)",
                              ko: "\(Korean.topic("`\(region.value)`")) infralab이 아는 AWS 리전이 아니에요 (서울은 `ap-northeast-2`예요)"),
                at: region.location, length: region.value.count,
                suggestion: Suggestions.closest(to: region.value, in: Array(AWSRegions.zones.keys).sorted()).map(DecodingMessage.didYouMean)))
        }
        for subnet in context.topology.subnets {
            guard let az = subnet.availabilityZone, let vpc = context.vpcs[subnet.vpc.name], !vpc.isDefault,
                  regionOfVPC[vpc.name] != "" else { continue }
            let zoneRegion = AWSRegions.region(ofZone: az.value)
            // Without `region:` on the VPC, its first known zone decides.
            let region = regionOfVPC[vpc.name] ?? zoneRegion
            if regionOfVPC[vpc.name] == nil, let zoneRegion { regionOfVPC[vpc.name] = zoneRegion }
            if let region, let zoneRegion, region == zoneRegion { continue }
            diagnostics.append(diagnostic(subnet: subnet, az: az, vpc: vpc, region: region))
        }
        return diagnostics
    }

    static func diagnostic(subnet: Subnet, az: Located<String>, vpc: VPC, region: String?) -> Diagnostic {
        let candidates = region.map(AWSRegions.zones(of:)).flatMap { $0.isEmpty ? nil : $0 } ?? AWSRegions.allZones
        let close = Suggestions.closest(to: az.value, in: candidates)
        let message: LocalizedText
        if let region, AWSRegions.region(ofZone: az.value) != nil {
            message = LocalizedText(
                en: "subnet `\(subnet.name)` is in `\(az.value)`, which is not in VPC `\(vpc.name)`'s region \(region): a subnet's zone belongs to its VPC's region",
                ko: "서브넷 \(Korean.subject("`\(subnet.name)`")) 있는 \(Korean.topic("`\(az.value)`")) VPC `\(vpc.name)`의 리전(\(region))에 있지 않아요. 서브넷의 가용 영역은 VPC와 같은 리전에 있어야 해요")
        } else {
            let list = region.map(AWSRegions.zones(of:)).map { $0.joined(separator: ", ") } ?? ""
            message = LocalizedText(
                en: "`\(az.value)` is not an availability zone\(region.map { " of \($0)" } ?? "")\(list.isEmpty ? "" : " (\(list))")",
                ko: "\(Korean.topic("`\(az.value)`")) \(region.map { "\($0) 리전의 " } ?? "")가용 영역이 아니에요\(list.isEmpty ? "" : " (\(list))")")
        }
        return description.diagnostic(message, at: az.location, length: az.value.count,
                                      notes: vpc.region.map { [.init(LocalizedText(en: "the VPC's region", ko: "VPC의 리전"), at: $0.location)] } ?? [],
                                      suggestion: close.map(DecodingMessage.didYouMean))
    }
}
