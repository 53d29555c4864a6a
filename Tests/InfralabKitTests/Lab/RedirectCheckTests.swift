import Foundation
import InfralabTestSupport
import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabLab

/// `redirects-to-https`: port 80 answers with a redirect to an HTTPS listener that has a
/// certificate, never with the service; each way of getting it wrong fails, saying why.
@Suite struct RedirectCheckTests {
    static let reference = try! String(contentsOf: packageRoot.appendingPathComponent("Solutions/08-name-and-lock/https.yaml"), encoding: .utf8)
    static let redirect = "{ port: 80, protocol: HTTP, redirect: { protocol: HTTPS, port: 443 } }"

    func findings(_ text: String, port: Int = 80, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [Finding] {
        let loaded = TopologyLoader.load(text: text, file: "topology.yaml")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.message.en))", sourceLocation: sourceLocation)
        let grader = Grader(topology: try #require(loaded.topology), diagnostics: loaded.diagnostics)
        return grader.check(.redirectsToHTTPS(select: nil, port: port), service: nil)
    }

    @Test("the reference redirects 80 to its HTTPS listener with a certificate, and the internet reaches it")
    func passes() throws {
        #expect(Self.reference.contains(Self.redirect))
        #expect(try findings(Self.reference).isEmpty)
    }

    @Test("port 80 forwarding to the targets fails, at the listener's line")
    func forwardsInstead() throws {
        let text = Self.reference.replacingOccurrences(of: Self.redirect, with: "{ port: 80, protocol: HTTP, targets: [was, was-c], target-port: 8080 }")
        let found = try findings(text)
        #expect(found.count == 1)
        #expect(found.first?.message.en.contains("forwards to the targets") == true, "\(found.map(\.message.en))")
        #expect(found.first?.location?.line == 62)
    }

    @Test("a redirect to a port without an HTTPS listener, or to one without a certificate, fails")
    func redirectToNothing() throws {
        let elsewhere = try findings(Self.reference.replacingOccurrences(of: "port: 443 } }", with: "port: 8443 } }"))
        #expect(elsewhere.first?.message.en.contains("no HTTPS listener on 8443") == true, "\(elsewhere.map(\.message.en))")
        let noCertificate = Self.reference.replacingOccurrences(of: "protocol: HTTPS, certificate: example.com,", with: "protocol: HTTPS,")
        let loaded = TopologyLoader.load(text: noCertificate, file: "t")
        let grader = Grader(topology: try #require(loaded.topology), diagnostics: loaded.diagnostics)
        let found = grader.check(.redirectsToHTTPS(select: nil, port: 80), service: nil)
        #expect(found.first?.message.en.contains("has no certificate") == true, "\(found.map(\.message.en))")
        #expect(found.first?.location?.line == 61, "at the HTTPS listener")
    }

    @Test("no listener on the port, and a redirect the internet cannot reach, fail")
    func missingOrUnreachable() throws {
        let none = try findings(Self.reference, port: 8080)
        #expect(none.first?.message.en.contains("no listener on port 8080") == true)
        let closed = Self.reference.replacingOccurrences(of: "      - { port: 80, from: internet }", with: "")
        #expect(closed != Self.reference)
        #expect(try !findings(closed).isEmpty, "the group does not admit 80: nobody gets the redirect")
    }
}
