import Testing
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

@Suite struct YAMLParserStructureTests {
    @Test("block mappings, nested by indentation")
    func blockMappings() {
        #expect(shape(parseClean("a: 1\nb:\n  c: x\n  d: y\ne: z\n")) == #"{a: "1", b: {c: "x", d: "y"}, e: "z"}"#)
    }

    @Test("block sequences, of scalars and of mappings")
    func blockSequences() {
        #expect(shape(parseClean("- a\n- b\n")) == #"["a", "b"]"#)
        #expect(shape(parseClean("items:\n  - a: 1\n    b: 2\n  - a: 3\n")) == #"{items: [{a: "1", b: "2"}, {a: "3"}]}"#)
    }

    @Test("a block sequence at the same indentation as its key")
    func sameIndentSequence() {
        #expect(shape(parseClean("routes:\n- x\n- y\nnext: 1\n")) == #"{routes: ["x", "y"], next: "1"}"#)
        #expect(shape(parseClean("- a:\n  - x\n  b: 1\n")) == #"[{a: ["x"], b: "1"}]"#)
    }

    @Test("nested compact sequences")
    func nestedSequences() {
        #expect(shape(parseClean("- - a\n  - b\n- c\n")) == #"[["a", "b"], "c"]"#)
        #expect(shape(parseClean("-\n  - a\n")) == #"[["a"]]"#)
    }

    @Test("flow mappings and sequences, nested, over lines, trailing commas")
    func flowCollections() {
        #expect(shape(parseClean("s: { vpc: main, cidr: 10.0.1.0/24 }\n")) == #"{s: {vpc: "main", cidr: "10.0.1.0/24"}}"#)
        #expect(shape(parseClean("a: [x, y]\nb: []\nc: {}\n")) == #"{a: ["x", "y"], b: [], c: {}}"#)
        #expect(shape(parseClean("p: { sg: [a, b,], f: [ { port: 443, to: was } ], }\n")) == #"{p: {sg: ["a", "b"], f: [{port: "443", to: "was"}]}}"#)
        #expect(shape(parseClean("p: { a: 1,\n     b: [x,\n  y] }  # done\n")) == #"{p: {a: "1", b: ["x", "y"]}}"#)
        #expect(shape(parseClean("k: [\n  a, b\n]\n")) == #"{k: ["a", "b"]}"#)
        #expect(shape(parseClean("k: {\"a\":1, 'b': \"two\", c: }\n")) == #"{k: {a: "1", b: "two", c: null}}"#)
    }

    @Test("a flow collection as the root")
    func flowRoot() {
        #expect(shape(parseClean("{ a: 1 }\n")) == #"{a: "1"}"#)
        #expect(shape(parseClean("[1, 2]")) == #"["1", "2"]"#)
    }

    @Test("quoted scalars and their escapes")
    func quoted() {
        #expect(shape(parseClean(#"a: 'it''s # not a comment'"#)) == "{a: \("it's # not a comment".debugDescription)}")
        #expect(shape(parseClean(#"a: "x\ny\t\"q\" \\ \/ \u00e9 \uD83D\uDE00""#)) == "{a: \("x\ny\t\"q\" \\ / é 😀".debugDescription)}")
        #expect(shape(parseClean("a: \"one\n  two\n\n  three\"\n")) == #"{a: "one two\nthree"}"#)
        #expect(shape(parseClean("a: \"join\\\n  ed\"\n")) == #"{a: "joined"}"#)
        #expect(shape(parseClean("'quoted key': 1\n\"k2\": 2\n")) == #"{quoted key: "1", k2: "2"}"#)
        #expect(shape(parseClean("a: ''\nb: \"\"\n")) == #"{a: "", b: ""}"#)
    }

    @Test("literal and folded block scalars with chomping")
    func blockScalars() {
        #expect(shape(parseClean("a: |\n  line 1\n  line 2\nb: x\n")) == #"{a: "line 1\nline 2\n", b: "x"}"#)
        #expect(shape(parseClean("a: |-\n  x\n\n")) == #"{a: "x"}"#)
        #expect(shape(parseClean("a: |+\n  x\n\n\nb: 1\n")) == #"{a: "x\n\n\n", b: "1"}"#)
        #expect(shape(parseClean("a: >\n  one\n  two\n\n  three\n    code\n  four\n")) == #"{a: "one two\nthree\n  code\nfour\n"}"#)
        #expect(shape(parseClean("a: |2\n    indented\n  base\n")) == #"{a: "  indented\nbase\n"}"#)
        #expect(shape(parseClean("a: |  # comment\n  # not a comment\n")) == ##"{a: "# not a comment\n"}"##)
        #expect(shape(parseClean("a: |\nb: 1\n")) == #"{a: "", b: "1"}"#)
        #expect(shape(parseClean("- |\n  x\n- >-\n  y\n  z\n")) == #"["x\n", "y z"]"#)
    }

    @Test("multi-paragraph Korean story text")
    func koreanStory() {
        let text = "story: |\n  새벽 세 시, 사무실 전원이 나갔어요.\n\n  UPS가 있었을까요?\n"
        #expect(shape(parseClean(text)) == "{story: \("새벽 세 시, 사무실 전원이 나갔어요.\n\nUPS가 있었을까요?\n".debugDescription)}")
    }

    @Test("comments, and # that is not a comment")
    func comments() {
        #expect(shape(parseClean("# top\na: b#c # real comment\n  # indented comment\nd: 'x # y' # c\n")) == #"{a: "b#c", d: "x # y"}"#)
        #expect(shape(parseClean("a: [x, # c\n  y]\n")) == #"{a: ["x", "y"]}"#)
    }

    @Test("empty values are null; ~ and null are plain")
    func emptyValues() {
        let root = parseClean("a:\nb: ~\nc: null\nd:\n- \n-\n")
        #expect(shape(root) == #"{a: null, b: "~", c: "null", d: [null, null]}"#)
        #expect(root?["a"]?.isNull == true && root?["b"]?.isNull == true && root?["c"]?.isNull == true)
    }

    @Test("multi-line plain scalars are folded")
    func multilinePlain() {
        #expect(shape(parseClean("a: one\n  two\n\n  three\nb: x\n")) == #"{a: "one two\nthree", b: "x"}"#)
        #expect(shape(parseClean("a:\n  first\n  second\n")) == #"{a: "first second"}"#)
        #expect(shape(parseClean("- one\n  two\n")) == #"["one two"]"#)
    }

    @Test("plain scalars with colons not followed by a space")
    func colonsInPlain() {
        #expect(shape(parseClean("t: 12:30\nc: 0.0.0.0/0\naz: ap-northeast-2a\nu: http://x.y/z\n")) == #"{t: "12:30", c: "0.0.0.0/0", az: "ap-northeast-2a", u: "http://x.y/z"}"#)
        #expect(shape(parseClean("- 12:30\n")) == #"["12:30"]"#)
    }

    @Test("a leading ---, BOM and CRLF are tolerated")
    func documentStart() {
        #expect(shape(parseClean("# c\n---\na: 1\n")) == #"{a: "1"}"#)
        #expect(shape(parseClean("--- # c\na: 1\n")) == #"{a: "1"}"#)
        #expect(shape(parseClean("\u{FEFF}a: 1\r\nb:\r\n  - x\r\n")) == #"{a: "1", b: ["x"]}"#)
    }

    @Test("an empty file or only comments is an empty mapping")
    func emptyFile() {
        #expect(shape(parseClean("")) == "{}")
        #expect(shape(parseClean("# only\n\n   # comments\n")) == "{}")
        #expect(shape(parseClean("---\n")) == "{}")
    }

    @Test("keys keep their order; subscripts read them")
    func order() throws {
        let root = try #require(parseClean("z: 1\na: 2\nm: 3\n"))
        #expect(root.entries?.map(\.key) == ["z", "a", "m"])
        #expect(root["a"]?.scalar == "2")
        #expect(root["a"].map { if case .scalar(_, .plain) = $0.kind { true } else { false } } == true)
    }

    @Test("the design document's NAT topology parses")
    func natTopology() throws {
        let text = """
            subnets:
              public-a:   { vpc: main, cidr: 10.0.1.0/24,   az: ap-northeast-2a, route-table: public }
            instances:
              proxy:   { subnet: public-a,  public-ip: true, security-groups: [proxy], role: reverse-proxy,
                         forwards: [ { port: 443, to: was, to-port: 8080 } ] }
              was:     { subnet: private-a, security-groups: [was], role: was }
            """
        let root = try #require(parseClean(text))
        #expect(shape(root["instances"]?["proxy"]?["forwards"]) == #"[{port: "443", to: "was", to-port: "8080"}]"#)
        #expect(root["subnets"]?["public-a"]?["route-table"]?.scalar == "public")
    }
}
