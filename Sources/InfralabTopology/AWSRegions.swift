/// AWS regions and their availability zones, as data: validation checks that a subnet's
/// `az:` exists and lies in its VPC's region, with "did you mean" for typos. (Zone
/// letters as AWS lists them for most accounts; a region missing here is reported as
/// unknown, so add it when AWS opens one.)
package enum AWSRegions {
    package static let zones: [String: [Character]] = [
        "us-east-1": Array("abcdef"), "us-east-2": Array("abc"), "us-west-1": Array("abc"), "us-west-2": Array("abcd"),
        "ca-central-1": Array("abd"), "sa-east-1": Array("abc"),
        "eu-west-1": Array("abc"), "eu-west-2": Array("abc"), "eu-west-3": Array("abc"), "eu-central-1": Array("abc"),
        "eu-central-2": Array("abc"), "eu-north-1": Array("abc"), "eu-south-1": Array("abc"), "eu-south-2": Array("abc"),
        "ap-northeast-1": Array("acd"), "ap-northeast-2": Array("abcd"), "ap-northeast-3": Array("abc"),
        "ap-southeast-1": Array("abc"), "ap-southeast-2": Array("abc"), "ap-southeast-3": Array("abc"),
        "ap-southeast-4": Array("abc"), "ap-south-1": Array("abc"), "ap-south-2": Array("abc"), "ap-east-1": Array("abc"),
        "me-south-1": Array("abc"), "me-central-1": Array("abc"), "il-central-1": Array("abc"), "af-south-1": Array("abc"),
    ]

    /// The region the infralab default VPC lives in (Seoul, as the story's).
    package static let defaultRegion = "ap-northeast-2"

    /// Every availability zone name, sorted.
    package static let allZones: [String] = zones.flatMap { region, letters in letters.map { "\(region)\($0)" } }.sorted()

    /// The zones of a region (`ap-northeast-2a`, …); empty for an unknown region.
    package static func zones(of region: String) -> [String] { (zones[region] ?? []).map { "\(region)\($0)" } }

    /// The region of a known zone.
    package static func region(ofZone zone: String) -> String? {
        guard let region = Optional(String(zone.dropLast())), zones[region]?.contains(zone.last ?? " ") ?? false else { return nil }
        return region
    }
}
