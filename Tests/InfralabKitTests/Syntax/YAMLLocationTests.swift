import Testing
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

@Suite struct YAMLLocationTests {
    @Test("keys, values and block collections keep where they start")
    func blockLocations() throws {
        let root = try #require(parseClean("vpcs:\n  main:\n    cidr: 10.0.0.0/16\nlist:\n  - a\n  - k: v\n"))
        #expect(root.location == at(1, 1))
        let vpcs = try #require(root.entries?.first)
        #expect(vpcs.keyLocation == at(1, 1))
        #expect(vpcs.value.location == at(2, 3))
        let cidr = try #require(root["vpcs"]?["main"]?["cidr"])
        #expect(cidr.location == at(3, 11) && cidr.length == 11)
        #expect(root["vpcs"]?["main"]?.entries?.first?.keyLocation == at(3, 5))
        let list = try #require(root["list"])
        #expect(list.location == at(5, 3))
        #expect(list.items?[0].location == at(5, 5))
        #expect(list.items?[1].location == at(6, 5))
        #expect(list.items?[1].entries?.first?.keyLocation == at(6, 5))
        #expect(list.items?[1]["k"]?.location == at(6, 8))
    }

    @Test("quoted scalars start at their quote; block scalars at their indicator")
    func scalarLocations() throws {
        let root = try #require(parseClean("a: \"x y\"\nb: 'z'\nc: |\n  text\nd:\n"))
        #expect(root["a"]?.location == at(1, 4) && root["a"]?.length == 5)
        #expect(root["b"]?.location == at(2, 4))
        #expect(root["c"]?.location == at(3, 4))
        #expect(root["d"]?.location == at(5, 3))
    }

    @Test("flow collections and their items")
    func flowLocations() throws {
        let root = try #require(parseClean("s: { vpc: main, cidr: 10.0.1.0/24 }\nl: [a,\n  b]\n"))
        let s = try #require(root["s"])
        #expect(s.location == at(1, 4) && s.length == 32)
        #expect(s.entries?[1].keyLocation == at(1, 17))
        #expect(s["cidr"]?.location == at(1, 23) && s["cidr"]?.length == 11)
        #expect(root["l"]?.items?[1].location == at(3, 3))
    }

    @Test("columns count Unicode scalars: Korean before a value does not shift it")
    func koreanColumns() throws {
        let root = try #require(parseClean("# 한국어 주석: 무시\n이름: 웹서버  # 설명\n목록: [가, 나]\n설명: { 키: 값 }\n"))
        #expect(root.entries?[0].keyLocation == at(2, 1))
        #expect(root["이름"]?.location == at(2, 5) && root["이름"]?.length == 3)
        #expect(root["이름"]?.scalar == "웹서버")
        #expect(root["목록"]?.items?[1].location == at(3, 9))
        #expect(root["설명"]?["키"]?.location == at(4, 10))
    }

    @Test("a BOM does not shift the first line's columns")
    func bom() throws {
        let root = try #require(parseClean("\u{FEFF}a: b\n"))
        #expect(root["a"]?.location == at(1, 4))
    }
}
