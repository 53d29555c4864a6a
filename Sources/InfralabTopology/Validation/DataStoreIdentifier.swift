import InfralabSyntax

/// AWS's naming rules: an RDS DB instance identifier is 1–63 letters, digits and
/// hyphens; an ElastiCache replication group id 1–40. Both start with a letter and
/// neither ends with a hyphen nor has two in a row (RDS API CreateDBInstance,
/// ElastiCache API CreateReplicationGroup). Case does not matter (AWS lowercases it).
package enum DataStoreIdentifier: TopologyRule {
    package static let description = RuleDescription(
        id: "data-store-identifier", severity: .error,
        summary: LocalizedText(en: "A database's name is 1–63 and a cache's 1–40 letters, digits and hyphens, starting with a letter, with no `--` and no hyphen at the end.",
                               ko: "데이터베이스 이름은 1–63자, 캐시 이름은 1–40자의 영문자, 숫자, 하이픈이에요. 영문자로 시작하고, `--`나 끝의 하이픈은 쓸 수 없어요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
              private-c: { cidr: 10.0.12.0/24, az: ap-northeast-2c }
            subnet-groups:
              data: { subnets: [private-a, private-c] }
            databases:
              ↓orders_db: { engine: mysql, subnet-group: data }
            caches:
              ↓1sessions: { engine: redis, subnet-group: data }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
              private-c: { cidr: 10.0.12.0/24, az: ap-northeast-2c }
            subnet-groups:
              data: { subnets: [private-a, private-c] }
            databases:
              orders-db: { engine: mysql, subnet-group: data }
            caches:
              sessions1: { engine: redis, subnet-group: data }
            """)

    /// What is wrong with `name` as an identifier of at most `limit` characters, if anything.
    static func problem(_ name: String, limit: Int) -> LocalizedText? {
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        if !allowed {
            return LocalizedText(en: "only letters, digits and hyphens", ko: "영문자, 숫자, 하이픈만 쓸 수 있어요")
        }
        if name.count > limit { return LocalizedText(en: "at most \(limit) characters", ko: "\(limit)자를 넘을 수 없어요") }
        if !(name.first?.isLetter ?? false) { return LocalizedText(en: "it must start with a letter", ko: "영문자로 시작해야 해요") }
        if name.hasSuffix("-") || name.contains("--") {
            return LocalizedText(en: "no hyphen at the end and no two hyphens in a row", ko: "끝에 하이픈을 두거나 하이픈을 연달아 쓸 수 없어요")
        }
        return nil
    }

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.dataStores.compactMap { store in
            let limit = store.service == .database ? 63 : 40
            guard let problem = problem(store.name, limit: limit) else { return nil }
            let what = store.kind.words
            let awsName = store.service == .database ? "a DB instance identifier" : "a replication group id"
            let awsNameKo = store.service == .database ? "DB 인스턴스 식별자" : "복제 그룹 ID"
            return description.diagnostic(
                LocalizedText(en: "AWS refuses `\(store.name)` as \(awsName) for \(what.en) `\(store.name)`: \(problem.en)",
                              ko: "AWS는 \(Korean.object("`\(store.name)`")) \(Korean.toward(awsNameKo)) 받지 않아요. \(problem.ko ?? problem.en)"),
                at: store.location, length: store.name.count,
                suggestion: LocalizedText(en: "rename it, e.g. `\(suggestedName(store.name))`", ko: "이름을 바꿔 주세요(예: `\(suggestedName(store.name))`)"))
        }
    }

    static func suggestedName(_ name: String) -> String {
        var result = ""
        for character in name {
            let kept: Character = character.isASCII && (character.isLetter || character.isNumber) ? character : "-"
            if kept == "-" && (result.isEmpty || result.hasSuffix("-")) { continue }
            result.append(kept)
        }
        while result.hasSuffix("-") { result.removeLast() }
        if !(result.first?.isLetter ?? false) { result = "x-" + result }
        return result
    }
}
